/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { KeyFigureDeltas } from '../../src/domain/diff/types';
import { readLedger } from '../../src/domain/ledger/readLedger';
import { computeLights } from '../../src/domain/race/computeLights';
import { computeRace } from '../../src/domain/race/computeRace';
import { App } from '../../src/taskpane/App';
import type { CopyText } from '../../src/taskpane/copyText';
import type { RunReport } from '../../src/workflows/refresh';
import { PortError } from '../../src/workflows/workbookPort';
import { createFakeHost, failedReport, issue, okReport, type FakeHost, type FakeHostOptions } from './fakeHost';

afterEach(cleanup);

/** Render the pane over a fake host and let its start-up effects settle. */
async function renderPane(options: FakeHostOptions = {}, copyText?: CopyText): Promise<FakeHost> {
  const host = createFakeHost(options);
  render(
    <FluentProvider theme={webLightTheme}>
      {copyText === undefined ? <App host={host} /> : <App host={host} copyText={copyText} />}
    </FluentProvider>,
  );
  await act(async () => undefined);
  return host;
}

const refreshButton = (): HTMLButtonElement => screen.getByTestId('refresh') as HTMLButtonElement;

const REPORT = okReport({ projects: 70, soes: 34, totalWan: 49_526_000, started: 25, investedWan: 1_120_000 }, [
  issue({ code: 'stage_unknown', sheetRow: 12, column: { letter: 'E', header: '项目阶段' }, raw: '在建中' }),
  issue({ code: 'amount_placeholder', severity: 'warning', sheetRow: 15, column: { letter: 'F', header: '总投资' }, raw: '待定' }),
]);

describe('App', () => {
  it('speaks Chinese by default and when Office is in Chinese', async () => {
    await renderPane({ displayLanguage: 'zh-CN' });
    expect(refreshButton().textContent).toBe('刷新汇总');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('follows an English Office display language', async () => {
    await renderPane({ displayLanguage: 'en-GB' });
    expect(refreshButton().textContent).toBe('Refresh summaries');
  });

  it('switches language with the switch and stores the choice in the workbook', async () => {
    const host = await renderPane({ displayLanguage: 'zh-CN' });
    await act(async () => fireEvent.click(screen.getByTestId('lang-switch')));
    expect(refreshButton().textContent).toBe('Refresh summaries');
    expect(host.calls.saveSettings).toEqual([{ lang: 'en-US' }]);
    await act(async () => fireEvent.click(screen.getByTestId('lang-switch')));
    expect(refreshButton().textContent).toBe('刷新汇总');
    expect(host.calls.saveSettings.at(-1)).toEqual({ lang: 'zh-CN' });
  });

  it('uses the stored language over Office’s', async () => {
    await renderPane({ displayLanguage: 'zh-CN', settings: { lang: 'en-US' } });
    expect(refreshButton().textContent).toBe('Refresh summaries');
  });

  it('shows the workflow stages while a refresh runs', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    const states = (): Record<string, string | null> =>
      Object.fromEntries(
        Array.from(screen.getByTestId('progress').querySelectorAll('li[data-stage]'), (li) => [
          li.getAttribute('data-stage'),
          li.getAttribute('data-state'),
        ]),
      );
    expect(states()).toEqual({ reading: 'active', validating: 'pending', summarising: 'pending', writing: 'pending' });
    await act(async () => host.progress({ stage: 'reading', fraction: 0.5 }));
    expect(screen.getByTestId('progress').textContent).toContain('已读取 50%');
    await act(async () => host.progress({ stage: 'summarising' }));
    expect(states()).toEqual({ reading: 'done', validating: 'done', summarising: 'active', writing: 'pending' });
    await act(async () => host.progress({ stage: 'writing' }));
    expect(states()).toEqual({ reading: 'done', validating: 'done', summarising: 'done', writing: 'active' });
    await act(async () => host.finish(REPORT));
    expect(screen.queryByTestId('progress')).toBeNull();
  });

  it('disables the button while a refresh runs, so a double click starts one refresh', async () => {
    const host = await renderPane();
    const button = refreshButton();
    // Both clicks land before React re-renders: only the ref can stop the second one.
    act(() => {
      button.click();
      button.click();
    });
    await act(async () => undefined);
    expect(host.calls.refresh).toBe(1);
    expect(refreshButton().disabled).toBe(true);
    expect(refreshButton().textContent).toBe('正在刷新…');
    await act(async () => host.finish(REPORT));
    expect(refreshButton().disabled).toBe(false);
    await act(async () => fireEvent.click(refreshButton()));
    expect(host.calls.refresh).toBe(2);
  });

  it('shows the key figures in briefing order, in 亿元, and the time of the summaries', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () => host.finish(REPORT));
    const cards = screen.getByTestId('key-figures');
    const shown = [...cards.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), c.textContent]);
    expect(shown).toEqual([
      ['projects', '项目70个'],
      ['soes', '合作央企34家'],
      ['totalWan', '总投资4,952.6亿元'],
      ['started', '已开工25个'],
      ['investedWan', '已完成投资112.0亿元'],
    ]);
    expect(screen.getByTestId('as-of').textContent).toBe('汇总截至 2025年9月30日 14:05');
  });

  it('selects the cell of a clicked issue', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () => host.finish(REPORT));
    const list = screen.getByTestId('issue-list');
    await act(async () => fireEvent.click(within(list).getByText('问题 stage_unknown')));
    expect(host.calls.selectCell).toEqual([['台账', 'E12']]);
  });

  it('selects the name cell of a red or yellow project clicked in the 赛马 card', async () => {
    const read = readLedger(
      [
        ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '所属地区', '计划开工时间'],
        [1, '甲', '中国华能', '能源', '已签约', 1000, '中山区', '2025-01'],
      ],
      { sheetName: '台账' },
    );
    const input = { rows: read.rows, columns: read.header?.columns ?? {} };
    const race = { race: computeRace(input, '2025-09-30'), lights: computeLights(input, '2025-09-30') };
    const host = await renderPane();
    await refreshWith(host, { ...REPORT, read, race });
    const flagged = within(screen.getByTestId('race-flagged')).getAllByRole('button');
    expect(flagged).toHaveLength(1);
    await act(async () => fireEvent.click(flagged[0]!));
    expect(host.calls.selectCell).toEqual([['台账', 'B2']]);
  });

  it('renders a failure with its message and code, and keeps the previous summaries', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () => host.finish(REPORT));
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () =>
      host.finish(
        failedReport({
          code: 'write_failed',
          message: { 'zh-CN': '写入汇总表失败，原有汇总保持不变。', 'en-US': 'Writing the summaries failed.' },
          detail: 'InvalidOperation',
        }),
      ),
    );
    const bar = screen.getByTestId('failure');
    expect(bar.textContent).toContain('刷新失败');
    expect(bar.textContent).toContain('写入汇总表失败，原有汇总保持不变。');
    expect(bar.textContent).toContain('错误代码：write_failed');
    expect(screen.getByTestId('figure-projects').textContent).toBe('70');
  });

  it('shows the failure in English after a language switch', async () => {
    const host = await renderPane({ settings: { lang: 'en-US' } });
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () =>
      host.finish(failedReport({ code: 'ledger_not_found', message: { 'zh-CN': '没有找到台账', 'en-US': 'No ledger found' }, detail: '' })),
    );
    expect(screen.getByTestId('failure').textContent).toContain('No ledger found');
    expect(screen.getByTestId('failure').textContent).toContain('Error code: ledger_not_found');
  });

  it('shows the ledger-changed notice after an edit, and clears it with a refresh', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () => host.finish(REPORT));
    expect(screen.queryByTestId('stale')).toBeNull();
    await act(async () => host.editLedger());
    expect(screen.getByTestId('stale').textContent).toContain('台账已修改');
    await act(async () => fireEvent.click(within(screen.getByTestId('stale')).getByRole('button')));
    expect(host.calls.refresh).toBe(2);
    await act(async () => host.finish(REPORT));
    expect(screen.queryByTestId('stale')).toBeNull();
  });

  it('shows a missing required column exactly, with the source panel open', async () => {
    await renderPane({
      inspection: {
        sheetIssues: [
          issue({
            code: 'missing_column',
            sheetRow: null,
            column: null,
            raw: null,
            message: { 'zh-CN': '没有找到“总投资”列。', 'en-US': 'No “total investment” column.' },
          }),
        ],
      },
    });
    expect(screen.getByTestId('sheet-issue').textContent).toBe('没有找到“总投资”列。');
  });

  it('stores a settings change in the workbook and asks for a refresh', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(refreshButton()));
    await act(async () => host.finish(REPORT));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '设置' })));
    await act(async () => fireEvent.click(screen.getByLabelText('在合作央企间平均分摊')));
    expect(host.calls.saveSettings).toEqual([{ soeAttribution: 'split' }]);
    expect(screen.getByTestId('stale').textContent).toContain('设置已更改');
    await act(async () => fireEvent.change(screen.getByTestId('setting-decimals'), { target: { value: '2' } }));
    expect(host.calls.saveSettings.at(-1)).toEqual({ decimals: 2 });
    expect(screen.getByTestId('figure-totalWan').textContent).toBe('4,952.60');
    await act(async () => fireEvent.change(screen.getByTestId('setting-as-of'), { target: { value: '2025-09-30' } }));
    expect(host.calls.saveSettings.at(-1)).toEqual({ asOf: '2025-09-30' });
    await act(async () => fireEvent.change(screen.getByTestId('setting-as-of'), { target: { value: '' } }));
    expect(host.calls.saveSettings.at(-1)).toEqual({ asOf: null });
  });

  it('stores a column correction', async () => {
    const host = await renderPane({
      inspection: {
        columns: [
          { letter: 'F', header: '总投资（亿元）' },
          { letter: 'G', header: '累计完成投资' },
        ],
        mapping: { totalInvestment: { index: 5, letter: 'F', header: '总投资（亿元）' } },
      },
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '数据来源' })));
    const select = screen.getByRole('combobox', { name: '累计完成投资' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['自动：未找到', 'F · 总投资（亿元）', 'G · 累计完成投资']);
    await act(async () => fireEvent.change(select, { target: { value: 'G' } }));
    expect(host.calls.saveSettings).toEqual([{ mapping: { investedToDate: 'G' } }]);
  });

  it('stores the allowed sector and district lists', async () => {
    const host = await renderPane();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '设置' })));
    fireEvent.change(screen.getByLabelText(/允许的所属领域/), { target: { value: '能源\n交通、 能源' } });
    fireEvent.change(screen.getByLabelText(/允许的所属地区/), { target: { value: '金普新区' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存清单' })));
    expect(host.calls.saveSettings).toEqual([{ allowedSectors: ['能源', '交通'], allowedDistricts: ['金普新区'] }]);
    expect((screen.getByRole('button', { name: '保存清单' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

/** `report` with a briefing draft. */
const withBrief = (report: RunReport, brief: string, lang: RunReport['lang'] = 'zh-CN'): RunReport => ({ ...report, brief, lang });

/** `report` compared with a period baseline (`deltas`), or with none (`null`: nothing to compare with yet). */
const withChanges = (report: RunReport, deltas: KeyFigureDeltas | null, baselineAt?: string): RunReport => ({
  ...report,
  changes: { deltas, diff: null, nextSnapshot: '{}', baselineRanks: null, ...(baselineAt === undefined ? {} : { baselineAt }) },
});

const BRIEF = '目前共有央地合作项目70个，合作覆盖34家央企，投资总额4952.6亿元。<b>备注</b>';

/** Click 刷新汇总 and finish the refresh with `report`. */
async function refreshWith(host: FakeHost, report: RunReport): Promise<void> {
  await act(async () => fireEvent.click(refreshButton()));
  await act(async () => host.finish(report));
}

/** Open the 更多操作 accordion section. */
async function openMoreActions(name = '更多操作'): Promise<void> {
  await act(async () => fireEvent.click(screen.getByRole('button', { name })));
}

describe('briefing draft', () => {
  it('shows the brief as plain text, under the key figures and above the issues', async () => {
    const host = await renderPane();
    await refreshWith(host, withBrief(REPORT, BRIEF));
    const brief = screen.getByTestId('brief') as HTMLTextAreaElement;
    expect(brief.tagName).toBe('TEXTAREA');
    expect(brief.value).toBe(BRIEF);
    expect(brief.readOnly).toBe(true);
    expect(brief.getAttribute('lang')).toBe('zh-CN');
    expect(screen.getByRole('textbox', { name: '简报草稿' })).toBe(brief);
    // Markup in the text stays text.
    expect(document.querySelector('b')).toBeNull();
    const figures = screen.getByTestId('key-figures');
    const issues = screen.getByTestId('issue-list');
    expect(figures.compareDocumentPosition(brief) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(brief.compareDocumentPosition(issues) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no briefing section when the run drafted none', async () => {
    const host = await renderPane();
    await refreshWith(host, REPORT);
    expect(screen.queryByTestId('brief-section')).toBeNull();
  });

  it('copies the brief with the copy button and confirms it', async () => {
    const copyText = jest.fn<Promise<boolean>, Parameters<CopyText>>(async () => true);
    const host = await renderPane({}, copyText);
    await refreshWith(host, withBrief(REPORT, BRIEF));
    expect(screen.getByTestId('copy-status').textContent).toBe('');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '复制' })));
    expect(copyText).toHaveBeenCalledTimes(1);
    expect(copyText).toHaveBeenCalledWith(BRIEF, screen.getByTestId('brief'));
    expect(screen.getByTestId('copy-status').textContent).toBe('已复制');
    expect(screen.queryByTestId('copy-failed')).toBeNull();
  });

  it('labels the brief in English and keeps the run’s language on the text', async () => {
    const copyText = jest.fn<Promise<boolean>, Parameters<CopyText>>(async () => true);
    const host = await renderPane({ settings: { lang: 'en-US' } }, copyText);
    await refreshWith(host, withBrief(REPORT, 'The ledger lists 70 projects.', 'en-US'));
    expect(screen.getByRole('heading', { name: 'Briefing draft' })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy' })));
    expect(copyText).toHaveBeenCalledWith('The ledger lists 70 projects.', expect.any(HTMLTextAreaElement));
    expect(screen.getByTestId('copy-status').textContent).toBe('Copied');
  });

  it('says to copy by hand when the text could not be copied', async () => {
    const host = await renderPane({}, async () => false);
    await refreshWith(host, withBrief(REPORT, BRIEF));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '复制' })));
    expect(screen.getByTestId('copy-status').textContent).toBe('');
    expect(screen.getByTestId('copy-failed').textContent).toBe('无法自动复制：文字已选中，请手动复制');
  });

  it('copies through navigator.clipboard by default', async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      const host = await renderPane();
      await refreshWith(host, withBrief(REPORT, BRIEF));
      await act(async () => fireEvent.click(screen.getByRole('button', { name: '复制' })));
      expect(writeText).toHaveBeenCalledWith(BRIEF);
      expect(screen.getByTestId('copy-status').textContent).toBe('已复制');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });
});

describe('changes since the period baseline', () => {
  const DELTAS: KeyFigureDeltas = { projects: 3, soes: -1, started: 0, completed: 2, totalWan: 12_345, investedWan: -5_000 };

  it('shows each key figure’s change, amounts in 亿元 with the display decimals', async () => {
    const host = await renderPane();
    await refreshWith(host, withChanges(REPORT, DELTAS, new Date(2025, 8, 1, 9, 30).toISOString()));
    const delta = (id: string): string | null => screen.getByTestId(`delta-${id}`).textContent;
    expect(['projects', 'soes', 'totalWan', 'started', 'investedWan'].map(delta)).toEqual([
      '比上次 +3',
      '比上次 -1',
      '比上次 +1.2',
      '比上次 0',
      '比上次 -0.5',
    ]);
    expect(screen.getByTestId('baseline-at').textContent).toBe('“比上次”与 2025年9月1日 09:30 的台账相比');
    expect(screen.queryByTestId('period-note')).toBeNull();
    // The card reads as one line: label, value, unit, change.
    expect(screen.getByTestId('key-figures').querySelector('[data-figure="totalWan"]')?.textContent).toBe('总投资4,952.6亿元比上次 +1.2');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '设置' })));
    await act(async () => fireEvent.change(screen.getByTestId('setting-decimals'), { target: { value: '2' } }));
    expect(delta('totalWan')).toBe('比上次 +1.23');
    expect(delta('investedWan')).toBe('比上次 -0.50');
  });

  it('shows the changes in English', async () => {
    const host = await renderPane({ settings: { lang: 'en-US' } });
    await refreshWith(host, withChanges(REPORT, DELTAS));
    expect(screen.getByTestId('delta-projects').textContent).toBe('vs last +3');
    // Amounts in billions of yuan with one decimal more: +1.2 亿元 is +0.12 bn.
    expect(screen.getByTestId('delta-totalWan').textContent).toBe('vs last +0.12');
    expect(screen.getByTestId('key-figures').querySelector('[data-figure="totalWan"]')?.textContent).toBe('Total investment495.26bn CNYvs last +0.12');
    expect(screen.queryByTestId('baseline-at')).toBeNull();
  });

  it('says there is nothing to compare with yet on a first refresh', async () => {
    const host = await renderPane();
    await refreshWith(host, withChanges(REPORT, null, new Date(2025, 8, 30, 14, 5).toISOString()));
    expect(screen.getByTestId('period-note').textContent).toBe('首次刷新，暂无上期数据可比');
    expect(screen.queryAllByTestId(/^delta-/)).toEqual([]);
    expect(screen.queryByTestId('baseline-at')).toBeNull();
  });

  it('shows neither changes nor the note when the run compared nothing', async () => {
    const host = await renderPane();
    await refreshWith(host, REPORT);
    expect(screen.queryAllByTestId(/^delta-/)).toEqual([]);
    expect(screen.queryByTestId('period-note')).toBeNull();
  });
});

describe('start a new period', () => {
  const newPeriodButton = (): HTMLButtonElement => screen.getByTestId('start-new-period') as HTMLButtonElement;

  /** The inline confirmation, once shown. */
  const confirmation = (name = '开始新一期？'): HTMLElement => screen.getByRole('group', { name });

  it('asks for confirmation first, and does nothing when cancelled', async () => {
    const host = await renderPane();
    await openMoreActions();
    expect(screen.queryByTestId('confirm-new-period')).toBeNull();
    await act(async () => fireEvent.click(newPeriodButton()));
    const confirm = confirmation();
    expect(confirm.getAttribute('aria-describedby')).toBe('new-period-body');
    expect(confirm.textContent).toContain('当前台账将取代原有的比较基准');
    expect(document.activeElement).toBe(confirm);
    expect(newPeriodButton().disabled).toBe(true);
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: '取消' })));
    expect(screen.queryByTestId('confirm-new-period')).toBeNull();
    expect(document.activeElement).toBe(newPeriodButton());
    // Escape cancels too.
    await act(async () => fireEvent.click(newPeriodButton()));
    await act(async () => fireEvent.keyDown(confirmation(), { key: 'Escape' }));
    expect(screen.queryByTestId('confirm-new-period')).toBeNull();
    expect(host.calls.startNewPeriod).toBe(0);
    expect(host.calls.refresh).toBe(0);
  });

  it('runs like a refresh once confirmed, and its report replaces the result', async () => {
    const host = await renderPane();
    await refreshWith(host, withChanges(REPORT, { projects: 3, soes: 0, started: 0, completed: 0, totalWan: 0, investedWan: 0 }));
    expect(screen.getByTestId('delta-projects').textContent).toBe('比上次 +3');
    await openMoreActions();
    await act(async () => fireEvent.click(newPeriodButton()));
    await act(async () => fireEvent.click(within(confirmation()).getByRole('button', { name: '开始新一期' })));
    expect(host.calls.startNewPeriod).toBe(1);
    expect(host.calls.refresh).toBe(1);
    expect(screen.queryByTestId('confirm-new-period')).toBeNull();
    expect(refreshButton().disabled).toBe(true);
    expect(newPeriodButton().disabled).toBe(true);
    expect(newPeriodButton().textContent).toBe('正在开始新一期…');
    expect((screen.getByTestId('clear-marks') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => host.progress({ stage: 'summarising' }));
    expect(screen.getByTestId('progress')).toBeTruthy();
    // A second refresh cannot start while the new period runs.
    await act(async () => fireEvent.click(refreshButton()));
    expect(host.calls.refresh).toBe(1);

    const next = okReport({ projects: 73, soes: 34, totalWan: 49_526_000, started: 25, investedWan: 1_120_000 });
    await act(async () => host.finish(withChanges(withBrief(next, '目前共有央地合作项目73个。'), null)));
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(refreshButton().disabled).toBe(false);
    expect(newPeriodButton().textContent).toBe('开始新一期');
    expect(screen.getByTestId('figure-projects').textContent).toBe('73');
    expect((screen.getByTestId('brief') as HTMLTextAreaElement).value).toBe('目前共有央地合作项目73个。');
    expect(screen.queryAllByTestId(/^delta-/)).toEqual([]);
    expect(screen.getByTestId('period-note').textContent).toBe('已开始新一期：之后的刷新将与此时的台账比较');

    // The next refresh, with nothing to compare with, says so as a refresh.
    await refreshWith(host, withChanges(next, null));
    expect(screen.getByTestId('period-note').textContent).toBe('首次刷新，暂无上期数据可比');
  });

  it('shows a failed new period and keeps the previous summaries', async () => {
    const host = await renderPane();
    await refreshWith(host, REPORT);
    await openMoreActions();
    await act(async () => fireEvent.click(newPeriodButton()));
    await act(async () => fireEvent.click(within(confirmation()).getByRole('button', { name: '开始新一期' })));
    await act(async () =>
      host.finish(failedReport({ code: 'busy', message: { 'zh-CN': 'Excel 正忙。', 'en-US': 'Excel is busy.' }, detail: '' })),
    );
    const bar = screen.getByTestId('failure');
    expect(bar.textContent).toContain('开始新一期失败');
    expect(bar.textContent).toContain('Excel 正忙。');
    expect(screen.getByTestId('figure-projects').textContent).toBe('70');
  });

  it('is offered in English', async () => {
    const host = await renderPane({ settings: { lang: 'en-US' } });
    await openMoreActions('More actions');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start a new period' })));
    await act(async () => fireEvent.click(within(confirmation('Start a new period?')).getByRole('button', { name: 'Start a new period' })));
    expect(host.calls.startNewPeriod).toBe(1);
  });
});

describe('clear marks', () => {
  const clearButton = (): HTMLButtonElement => screen.getByTestId('clear-marks') as HTMLButtonElement;

  it('clears the marks and says so', async () => {
    const host = await renderPane();
    await openMoreActions();
    expect(screen.getByTestId('clear-marks-result').textContent).toBe('');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '清除标记' })));
    expect(host.calls.clearMarks).toBe(1);
    expect(clearButton().disabled).toBe(true);
    expect(clearButton().textContent).toBe('正在清除…');
    await act(async () => host.finishClearMarks());
    expect(clearButton().disabled).toBe(false);
    expect(screen.getByTestId('clear-marks-result').textContent).toBe('已清除问题标记；下次刷新会重新标记。');
    // A refresh marks the issues again: the line goes.
    await refreshWith(host, REPORT);
    expect(screen.getByTestId('clear-marks-result').textContent).toBe('');
  });

  it('says why clearing failed', async () => {
    const host = await renderPane({ settings: { lang: 'en-US' } });
    await openMoreActions('More actions');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear marks' })));
    await act(async () => host.finishClearMarks(new PortError('busy', 'InvalidOperation')));
    const line = screen.getByTestId('clear-marks-result').textContent;
    expect(line).toContain('Could not clear the marks: Excel is busy');
    expect(line).toContain('Error code: busy');
    expect(screen.queryByTestId('failure')).toBeNull();
  });

  it('waits while a refresh runs', async () => {
    const host = await renderPane();
    await openMoreActions();
    await act(async () => fireEvent.click(refreshButton()));
    expect(clearButton().disabled).toBe(true);
    await act(async () => host.finish(REPORT));
    expect(clearButton().disabled).toBe(false);
  });
});
