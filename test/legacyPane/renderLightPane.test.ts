/** @jest-environment jsdom */
import '../taskpane/setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render as renderReact, within } from '@testing-library/react';
import { createElement } from 'react';
import type { Lang } from '../../src/domain';
import { LIGHT_ISSUE_PAGE, renderLightPane } from '../../src/legacyPane/renderLightPane';
import { LABELS } from '../../src/taskpane/labels';
import { MergeLedgers } from '../../src/taskpane/MergeLedgers';
import type { MergedLedgerOutcome } from '../../src/taskpane/paneHost';
import { WorkflowError } from '../../src/workflows/runError';
import { PortError } from '../../src/workflows/workbookPort';
import { createFakeHost, failedReport, issue, okReport, type FakeHost } from '../taskpane/fakeHost';
import { drivenMerge } from '../taskpane/drivenMerge';

/** Renders the light pane over `host` into a fresh #root; resolves once the stored settings show. */
async function render(host: FakeHost): Promise<HTMLElement> {
  document.body.innerHTML = '<div id="root"></div>';
  const root = document.getElementById('root')!;
  await renderLightPane(document, root, host);
  return root;
}

const byTestId = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

/** Lets the pane's promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('renderLightPane', () => {
  it('follows the stored language before Office’s', async () => {
    await render(createFakeHost({ displayLanguage: 'zh-CN', settings: { lang: 'en-US' } }));
    expect(byTestId('refresh')?.textContent).toBe('Refresh summaries');
    expect(document.documentElement.getAttribute('lang')).toBe('en-US');
  });

  it('disables the button while refreshing and shows the stage with the share of rows read', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('refresh')!.click();
    byTestId('refresh')!.click(); // a second click while running starts nothing
    expect(host.calls.refresh).toBe(1);
    host.progress({ stage: 'reading', fraction: 0.42 });
    expect(byTestId('progress')?.textContent).toBe('读取台账 · 已读取 42%');
    expect(byTestId('refresh')?.hasAttribute('disabled')).toBe(true);
    expect(byTestId('refresh')?.textContent).toBe('正在刷新…');
    host.finish(okReport({ projects: 3, totalWan: 123_456 }));
    await settle();
    expect(byTestId('progress')?.textContent).toBe('');
    expect(byTestId('refresh')?.hasAttribute('disabled')).toBe(false);
    expect(byTestId('figure-projects')?.textContent).toBe('3个');
    expect(byTestId('figure-totalWan')?.textContent).toBe('12.3亿元');
    // In English as the Fluent pane: billions of yuan with one decimal more, counts without a unit.
    byTestId('lang-switch')!.click();
    expect(byTestId('figure-totalWan')?.textContent).toBe('1.23bn CNY');
    expect(byTestId('figure-projects')?.textContent).toBe('3');
  });

  it('shows a failed refresh with its message and code, and no figures', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('refresh')!.click();
    host.finish(failedReport({ code: 'ledger_not_found', message: { 'zh-CN': '没有找到台账。', 'en-US': 'No ledger found.' }, detail: '' }));
    await settle();
    expect(byTestId('failure')?.textContent).toBe('刷新失败没有找到台账。错误代码：ledger_not_found');
    expect(byTestId('key-figures')).toBeNull();
  });

  it('selects the cell of a clicked issue; a sheet-level issue is no button', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('refresh')!.click();
    host.finish(okReport({ projects: 1 }, [issue({ code: 'stage_unknown', sheetRow: 12, column: { letter: 'F', header: '阶段' } }), issue({ code: 'missing_column', sheetRow: null, column: null })]));
    await settle();
    const items = Array.from(document.querySelectorAll('[data-testid="issues"] .lp-issue'));
    expect(items.map((item) => [item.tagName, item.textContent])).toEqual([
      ['BUTTON', '错误 问题 stage_unknown第 12 行 · F 列 · 阶段'],
      ['DIV', '错误 问题 missing_column整表'],
    ]);
    (items[0] as HTMLButtonElement).click();
    expect(host.calls.selectCell).toEqual([['台账', 'F12']]);
  });

  it('shows the issues a page at a time', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('refresh')!.click();
    const many = Array.from({ length: LIGHT_ISSUE_PAGE + 5 }, (_, i) => issue({ code: 'stage_unknown', sheetRow: i + 2, severity: 'warning' }));
    host.finish(okReport({ projects: 1 }, many));
    await settle();
    const count = (): number => document.querySelectorAll('[data-testid="issues"] button.lp-issue').length;
    expect(count()).toBe(LIGHT_ISSUE_PAGE);
    expect(byTestId('show-more')?.textContent).toBe('再显示 5 条');
    byTestId('show-more')!.click();
    expect(count()).toBe(LIGHT_ISSUE_PAGE + 5);
    expect(byTestId('show-more')).toBeNull();
  });

  it('switches the language at once and stores the choice', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('lang-switch')!.click();
    expect(byTestId('refresh')?.textContent).toBe('Refresh summaries');
    expect(byTestId('lang-switch')?.textContent).toBe('中文');
    await settle();
    expect(host.calls.saveSettings).toEqual([{ lang: 'en-US' }]);
  });

  it('writes ledger text as text, never as markup', async () => {
    const host = createFakeHost();
    await render(host);
    byTestId('refresh')!.click();
    const xss = '<img src=x onerror=alert(1)>';
    host.finish(okReport({ projects: 1 }, [issue({ code: 'stage_unknown', message: { 'zh-CN': xss, 'en-US': xss } })]));
    await settle();
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(byTestId('issues')?.textContent).toContain(xss);
  });
});

const xlsx = (name: string, bytes: readonly number[] = [80, 75, 3, 4]): File => new File([new Uint8Array(bytes)], name);

/** Picks `files` in the light pane's file input. */
function pick(files: readonly File[]): void {
  const input = byTestId('merge-files') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
}

const mergeLines = (): string[] => Array.from(document.querySelectorAll('[data-testid="merge-progress"] li')).map((li) => li.textContent ?? '');

/** The result line the Fluent pane's MergeLedgers shows when its merge settles with `settle`. */
async function mainPaneResult(lang: Lang, settle: (driven: ReturnType<typeof drivenMerge>) => void): Promise<string> {
  const driven = drivenMerge();
  const { container } = renderReact(createElement(FluentProvider, { theme: webLightTheme }, createElement(MergeLedgers, { lang, disabled: false, onMerge: driven.merge, onUseAsSource: () => undefined })));
  // Queried within its own container: the light pane under test is in the same document.
  const view = within(container);
  await act(async () => fireEvent.change(view.getByTestId('merge-files'), { target: { files: [xlsx('a.xlsx')] } }));
  await act(async () => settle(driven));
  const text = view.getByTestId('merge-result').textContent ?? '';
  cleanup();
  return text;
}

const OUTCOME: MergedLedgerOutcome = { sheet: '合并台账', filesRead: 2, projects: 41, duplicates: 2, warnings: 3, failed: [] };

describe('renderLightPane: 合并区县台账', () => {
  it('offers no merge when the host has none', async () => {
    await render(createFakeHost());
    expect(byTestId('light-pane')?.textContent).toContain('刷新汇总');
    expect(byTestId('merge')).toBeNull();
    expect(byTestId('merge-files')).toBeNull();
  });

  it('offers a multi-file .xlsx input with the Fluent pane’s labels', async () => {
    await render(createFakeHost({ mergeLedgerFiles: drivenMerge().merge }));
    const input = byTestId('merge-files') as HTMLInputElement;
    expect([input.type, input.multiple, input.accept]).toEqual(['file', true, '.xlsx']);
    expect(byTestId('merge')?.querySelector('h2')?.textContent).toBe(LABELS['zh-CN'].mergeLedgers);
    expect(byTestId('merge')?.textContent).toContain(LABELS['zh-CN'].mergeHint);
  });

  it('shows a line per file in order as the merge reports them, then the result the Fluent pane shows', async () => {
    const driven = drivenMerge();
    await render(createFakeHost({ mergeLedgerFiles: driven.merge }));
    pick([xlsx('甘井子区.xlsx'), xlsx('坏文件.xlsx'), xlsx('金普新区.xlsx')]);
    expect(driven.calls.map((call) => call.files.map((f) => f.name))).toEqual([['甘井子区.xlsx', '坏文件.xlsx', '金普新区.xlsx']]);
    expect(mergeLines()).toEqual(['甘井子区.xlsx：正在读取…', '坏文件.xlsx：正在读取…', '金普新区.xlsx：正在读取…']);
    expect((byTestId('merge-files') as HTMLInputElement).disabled).toBe(true);
    const report = driven.calls[0]!.onProgress;
    report({ file: '甘井子区.xlsx', index: 0, count: 3, state: 'read', rowsRead: 27 });
    const noHeader = new WorkflowError('ledger_not_found', { 'zh-CN': '文件中找不到台账表头。', 'en-US': 'No ledger header was found in the file.' });
    report({ file: '坏文件.xlsx', index: 1, count: 3, state: 'failed', error: noHeader });
    expect(mergeLines()).toEqual(['甘井子区.xlsx：已读取 27 行', '坏文件.xlsx：无法读取（文件中找不到台账表头。）', '金普新区.xlsx：正在读取…']);
    report({ file: '金普新区.xlsx', index: 2, count: 3, state: 'read', rowsRead: 14 });
    expect(byTestId('merge-result')?.textContent).toBe('');
    driven.resolve(OUTCOME);
    await settle();
    expect(mergeLines()[2]).toBe('金普新区.xlsx：已读取 14 行');
    expect(byTestId('merge-result')?.textContent).toBe(await mainPaneResult('zh-CN', (d) => d.resolve(OUTCOME)));
    expect(byTestId('merge-result')?.textContent).toContain('41');
    expect((byTestId('merge-files') as HTMLInputElement).disabled).toBe(false);
  });

  it('says so, as the Fluent pane, when no file could be read, and offers no source', async () => {
    const nothing: MergedLedgerOutcome = { ...OUTCOME, sheet: null, filesRead: 0, projects: 0 };
    const driven = drivenMerge();
    await render(createFakeHost({ displayLanguage: 'en-US', mergeLedgerFiles: driven.merge }));
    pick([xlsx('a.xlsx')]);
    driven.resolve(nothing);
    await settle();
    expect(byTestId('merge-result')?.textContent).toBe(await mainPaneResult('en-US', (d) => d.resolve(nothing)));
    expect(byTestId('merge-result')?.textContent).toBe(LABELS['en-US'].mergeNothingRead);
    expect(byTestId('merge-use-as-source')).toBeNull();
  });

  it('stores the merged sheet as the refresh source through the host', async () => {
    const driven = drivenMerge();
    const host = createFakeHost({ mergeLedgerFiles: driven.merge });
    await render(host);
    pick([xlsx('a.xlsx')]);
    driven.resolve({ ...OUTCOME, sheet: '合并台账 (2)' });
    await settle();
    expect(host.calls.saveSettings).toEqual([]);
    byTestId('merge-use-as-source')!.click();
    await settle();
    expect(host.calls.saveSettings).toEqual([{ source: { kind: 'sheet', name: '合并台账 (2)' } }]);
    expect(byTestId('merge-used-as-source')?.textContent).toBe('已设为刷新数据源：刷新汇总将读取“合并台账 (2)”。');
    expect(byTestId('merge-use-as-source')).toBeNull();
    expect((await host.loadState()).settings.source).toEqual({ kind: 'sheet', name: '合并台账 (2)' });
  });

  it('shows a failed merge with its code, as the Fluent pane', async () => {
    const driven = drivenMerge();
    await render(createFakeHost({ displayLanguage: 'en-US', mergeLedgerFiles: driven.merge }));
    pick([xlsx('a.xlsx')]);
    driven.reject(new PortError('write_failed', 'sync failed'));
    await settle();
    const text = byTestId('merge-result')?.textContent ?? '';
    expect(text).toMatch(/^The merge failed: .+ Error code: write_failed$/);
    expect(text).toBe(await mainPaneResult('en-US', (d) => d.reject(new PortError('write_failed', 'sync failed'))));
    expect(byTestId('merge-use-as-source')).toBeNull();
    expect((byTestId('merge-files') as HTMLInputElement).disabled).toBe(false);
  });

  it('hands the merge each file with its bytes, read with FileReader', async () => {
    const driven = drivenMerge();
    await render(createFakeHost({ mergeLedgerFiles: driven.merge }));
    pick([xlsx('a.xlsx', [1, 2, 3]), xlsx('b.xlsx', [9])]);
    const files = driven.calls[0]!.files;
    expect(await Promise.all(files.map(async (f) => [f.name, Array.from(await f.bytes())]))).toEqual([
      ['a.xlsx', [1, 2, 3]],
      ['b.xlsx', [9]],
    ]);
  });
});
