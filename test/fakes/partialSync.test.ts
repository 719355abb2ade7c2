/**
 * Partial syncs: a real sync that fails keeps the operations that ran before the failing one.
 * failAtSync(n, code, { afterOperations: k }) fails the n-th sync at its (k+1)-th operation.
 */
import { createFakeExcel, type FakeExcel } from './fakeExcel';

async function rejection(p: Promise<unknown>): Promise<{ code: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string };
  }
  throw new Error('expected a rejection');
}

function writeThree(fake: FakeExcel): Promise<void> {
  return fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('A1').values = [['one']];
    sheet.getRange('A2').values = [['two']];
    sheet.getRange('A3').values = [['three']];
  });
}

describe('failAtSync with afterOperations', () => {
  it.each([
    [0, []],
    [1, [['one']]],
    [2, [['one'], ['two']]],
  ])('applies the first %i operations of the failing sync and none after', async (k, values) => {
    const fake = createFakeExcel();
    fake.failAtSync(1, 'GeneralException', { afterOperations: k });
    expect((await rejection(writeThree(fake))).code).toBe('GeneralException');
    expect(fake.getSheetValues('Sheet1')).toEqual(values);
    expect(fake.syncLog[0]).toMatchObject({ error: 'GeneralException', appliedOperations: k });
  });

  it('applies every operation and still rejects when k is the number of operations', async () => {
    const fake = createFakeExcel();
    fake.failAtSync(1, 'GeneralException', { afterOperations: 3 });
    expect((await rejection(writeThree(fake))).code).toBe('GeneralException');
    expect(fake.getSheetValues('Sheet1')).toEqual([['one'], ['two'], ['three']]);
  });

  it('does not deliver load results of a failed sync', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['a']] } });
    fake.failAtSync(1, 'GeneralException', { afterOperations: 1 });
    let read: unknown = null;
    await fake
      .run(async (context) => {
        const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
        range.load('address');
        range.values = [['b']];
        await context.sync().catch(() => {
          try {
            read = range.address;
          } catch (e) {
            read = (e as { code: string }).code;
          }
        });
      })
      .catch(() => undefined);
    expect(read).toBe('PropertyNotLoaded');
    expect(fake.getSheetValues('Sheet1')).toEqual([['a']]);
  });

  it('fires onChanged for the operations a failed sync applied', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7' });
    const seen: string[] = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add((e: unknown) => {
        seen.push((e as { address: string }).address);
        return Promise.resolve();
      });
      await context.sync();
    });
    fake.failAtSync(1, 'GeneralException', { afterOperations: 1 });
    await rejection(writeThree(fake));
    await fake.flushEvents();
    expect(seen).toEqual(['A1']);
  });

  it('rejects a negative or fractional operation count', () => {
    const fake = createFakeExcel();
    expect(() => fake.failAtSync(1, 'GeneralException', { afterOperations: -1 })).toThrow(/afterOperations/);
    expect(() => fake.failAtSync(1, 'GeneralException', { afterOperations: 1.5 })).toThrow(/afterOperations/);
  });
});
