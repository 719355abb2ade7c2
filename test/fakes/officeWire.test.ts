/**
 * The real-format payload meter: requests sized as Office.js builds them, responses in the format
 * Office.js reads back, and the payload limit applied to those sizes.
 */
import { loadOfficeJs, officeWireMeter, parsePath } from './excel/officeWire';
import { createFakeExcel, type FakeExcel, type FakeRequestContext } from './fakeExcel';

type Batch = (context: FakeRequestContext) => void;

/** The statements of `batch` written against a real Excel.RequestContext: the body Office.js would send. */
function realBody(write: (context: Excel.RequestContext) => void): string {
  const { Excel: RealExcel } = loadOfficeJs();
  const context = new RealExcel.RequestContext() as unknown as Excel.RequestContext & {
    _pendingRequest: { buildRequestMessageBodyAndRequestFlags(): { body: unknown } };
  };
  write(context);
  return JSON.stringify(context._pendingRequest.buildRequestMessageBodyAndRequestFlags().body);
}

function bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

async function firstSync(fake: FakeExcel, batch: Batch): Promise<void> {
  await fake.run(async (context) => {
    batch(context);
    await context.sync();
  });
}

const grid = [
  ['项目', '金额'],
  ['甲', 1],
];

describe('officeWireMeter', () => {
  it('sizes a request exactly as the body Office.js builds for the same statements', async () => {
    const fake = createFakeExcel({ apiVersion: '1.16', sheets: { 台账: grid }, payloadMeter: officeWireMeter() });
    await firstSync(fake, (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:B2');
      range.values = [['名称', '总投资（亿元）'], ['大连数谷', 120]];
      range.format.fill.color = '#FFF2CC';
      range.load('values, address');
    });
    const expected = realBody((context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:B2');
      // eslint-disable-next-line office-addins/call-sync-after-load -- the request is only built, never sent
      range.values = [['名称', '总投资（亿元）'], ['大连数谷', 120]];
      range.format.fill.color = '#FFF2CC';
      range.load('values, address');
    });
    expect(fake.syncLog[0]?.requestBytes).toBe(bytes(expected));
  });

  it('answers in the format Office.js reads back: the real proxy gets the loaded values', async () => {
    const meter = officeWireMeter();
    const fake = createFakeExcel({ apiVersion: '1.16', sheets: { 台账: grid }, payloadMeter: meter });
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:B2');
      const sheets = context.workbook.worksheets;
      range.load('values');
      sheets.load('items/name');
      await context.sync();
      const last = meter.lastRequest;
      if (last === null) throw new Error('nothing measured');
      last.request.processResponse((last.response as { Results: unknown }).Results);
      expect(meter.realProxyOf(range).values).toEqual(range.values);
      expect((meter.realProxyOf(sheets).items as Array<{ name: string }>).map((s) => s.name)).toEqual(['台账']);
      expect(fake.syncLog[0]?.responseBytes).toBe(bytes(JSON.stringify(last.response)));
    });
  });

  it('measures many small writes at several times the compact estimate', async () => {
    const batch: Batch = (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      for (let r = 1; r <= 200; r++) sheet.getRange(`A${r}`).format.fill.color = '#FFC7CE';
    };
    const compact = createFakeExcel({ sheets: { 台账: grid } });
    const real = createFakeExcel({ sheets: { 台账: grid }, payloadMeter: officeWireMeter() });
    await firstSync(compact, batch);
    await firstSync(real, batch);
    const ratio = (real.syncLog[0]?.requestBytes ?? 0) / (compact.syncLog[0]?.requestBytes ?? 1);
    expect(ratio).toBeGreaterThan(2.5);
  });

  it('refuses a request that fits only in the compact estimate, and applies nothing of it', async () => {
    const batch: Batch = (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      for (let r = 1; r <= 50; r++) sheet.getRange(`C${r}`).values = [['x']];
    };
    const probe = createFakeExcel({ sheets: { 台账: grid } });
    await firstSync(probe, batch);
    const limit = (probe.syncLog[0]?.requestBytes ?? 0) + 100;
    const fake = createFakeExcel({ maxPayloadBytes: limit, sheets: { 台账: grid }, payloadMeter: officeWireMeter() });
    const error = await firstSync(fake, batch).catch((e: unknown) => e as { code: string });
    expect(error).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.getSheetValues('台账')).toEqual(grid);
  });

  it('replays proxies made by add() once, with the arguments of the add', async () => {
    const meter = officeWireMeter();
    const fake = createFakeExcel({ apiVersion: '1.16', sheets: { 台账: grid }, payloadMeter: meter });
    await firstSync(fake, (context) => {
      const added = context.workbook.worksheets.add('汇总');
      added.getRange('A1').values = [['合计']];
    });
    const body = meter.lastRequest?.body as { ObjectPaths: Record<string, { Name: string; ArgumentInfo?: { Arguments?: unknown[] } }> };
    const adds = Object.values(body.ObjectPaths).filter((p) => p.Name === 'Add');
    expect(adds.map((p) => p.ArgumentInfo?.Arguments)).toEqual([['汇总']]);
    expect(fake.getSheetValues('汇总')).toEqual([['合计']]);
  });
});

describe('parsePath', () => {
  it.each([
    ['workbook', [['workbook', null]]],
    ['workbook.worksheets.getItem("台账").getRange("A1:B2").format', [['workbook', null], ['worksheets', null], ['getItem', ['台账']], ['getRange', ['A1:B2']], ['format', null]]],
    ['workbook.worksheets.getItem("a.b(c)\\"").getCell(3,4)', [['workbook', null], ['worksheets', null], ['getItem', ['a.b(c)"']], ['getCell', [3, 4]]]],
    ['workbook.worksheets.getItem("x").getUsedRange()', [['workbook', null], ['worksheets', null], ['getItem', ['x']], ['getUsedRange', []]]],
  ])('splits %s into its steps', (path, steps) => {
    expect(parsePath(path).map((s) => [s.name, s.args])).toEqual(steps);
  });
});
