/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { MergedLedgerOutcome } from '../../src/taskpane/paneHost';
import { PortError } from '../../src/workflows/workbookPort';
import { WorkflowError } from '../../src/workflows/runError';
import { createFakeHost, type FakeHost } from './fakeHost';
import { drivenMerge, type Merge } from './drivenMerge';

afterEach(cleanup);

async function renderPane(merge?: Merge, lang: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<FakeHost> {
  const host = createFakeHost({ displayLanguage: lang, ...(merge === undefined ? {} : { mergeLedgerFiles: merge }) });
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
  await act(async () => undefined);
  await act(async () => fireEvent.click(screen.getByRole('button', { name: lang === 'zh-CN' ? '更多操作' : 'More actions' })));
  return host;
}

const xlsx = (name: string): File => new File([new Uint8Array([80, 75, 3, 4])], name);

async function pick(files: readonly File[]): Promise<void> {
  const input = screen.getByTestId('merge-files') as HTMLInputElement;
  await act(async () => fireEvent.change(input, { target: { files } }));
}

const progressLines = (): string[] => Array.from(screen.getByTestId('merge-progress').querySelectorAll('li')).map((li) => li.textContent ?? '');

const OUTCOME: MergedLedgerOutcome = { sheet: '合并台账', filesRead: 2, projects: 41, duplicates: 2, warnings: 3, failed: [] };

describe('合并区县台账 in the pane', () => {
  it('is not offered when the host cannot write the merged sheet', async () => {
    await renderPane();
    expect(screen.queryByTestId('merge-files')).toBeNull();
  });

  it('offers a multi-file .xlsx input', async () => {
    await renderPane(drivenMerge().merge);
    const input = screen.getByTestId('merge-files') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.xlsx');
    expect(screen.getByText('合并区县台账')).toBeTruthy();
  });

  it('shows each file reading, read or failed with the reason, then the merged figures', async () => {
    const driven = drivenMerge();
    await renderPane(driven.merge);
    await pick([xlsx('甘井子区.xlsx'), xlsx('坏文件.xlsx'), xlsx('金普新区.xlsx')]);
    expect(driven.calls).toHaveLength(1);
    expect(driven.calls[0]?.files.map((f) => f.name)).toEqual(['甘井子区.xlsx', '坏文件.xlsx', '金普新区.xlsx']);
    expect(progressLines()).toEqual(['甘井子区.xlsx：正在读取…', '坏文件.xlsx：正在读取…', '金普新区.xlsx：正在读取…']);
    const report = driven.calls[0]!.onProgress;
    await act(async () => report({ file: '甘井子区.xlsx', index: 0, count: 3, state: 'read', rowsRead: 27 }));
    const noHeader = new WorkflowError('ledger_not_found', { 'zh-CN': '文件中找不到台账表头。', 'en-US': 'No ledger header was found in the file.' });
    await act(async () => report({ file: '坏文件.xlsx', index: 1, count: 3, state: 'failed', error: noHeader }));
    expect(progressLines()).toEqual(['甘井子区.xlsx：已读取 27 行', '坏文件.xlsx：无法读取（文件中找不到台账表头。）', '金普新区.xlsx：正在读取…']);
    expect((screen.getByTestId('merge-files') as HTMLInputElement).disabled).toBe(true);
    await act(async () => report({ file: '金普新区.xlsx', index: 2, count: 3, state: 'read', rowsRead: 14 }));
    await act(async () => driven.resolve({ ...OUTCOME, failed: [{ file: '坏文件.xlsx', error: { code: 'ledger_not_found', message: noHeader.bilingual, detail: '' } }] }));
    expect(progressLines()[2]).toBe('金普新区.xlsx：已读取 14 行');
    expect(screen.getByTestId('merge-result').textContent).toBe(
      '已合并 2 个文件：41 个项目，其中 2 个在多个文件中重复，3 个警告。 已写入工作表“合并台账”。',
    );
    expect((screen.getByTestId('merge-files') as HTMLInputElement).disabled).toBe(false);
  });

  it('saves the merged sheet as the refresh source through the host', async () => {
    const driven = drivenMerge();
    const host = await renderPane(driven.merge);
    await pick([xlsx('a.xlsx')]);
    await act(async () => driven.resolve({ ...OUTCOME, sheet: '合并台账 (2)' }));
    expect(host.calls.saveSettings).toEqual([]);
    await act(async () => fireEvent.click(screen.getByTestId('merge-use-as-source')));
    expect(host.calls.saveSettings).toEqual([{ source: { kind: 'sheet', name: '合并台账 (2)' } }]);
    expect(screen.getByTestId('merge-used-as-source').textContent).toBe('已设为刷新数据源：刷新汇总将读取“合并台账 (2)”。');
    expect((await host.loadState()).settings.source).toEqual({ kind: 'sheet', name: '合并台账 (2)' });
  });

  it('looks at the sources again once the merged sheet is written, so the source panel can offer it', async () => {
    const driven = drivenMerge();
    const host = await renderPane(driven.merge);
    const before = host.calls.inspectSource;
    expect(before).toBeGreaterThan(0);
    await pick([xlsx('a.xlsx')]);
    expect(host.calls.inspectSource).toBe(before);
    await act(async () => driven.resolve(OUTCOME));
    expect(host.calls.inspectSource).toBe(before + 1);
  });

  it('does not look again when nothing was written', async () => {
    const driven = drivenMerge();
    const host = await renderPane(driven.merge);
    const before = host.calls.inspectSource;
    await pick([xlsx('a.xlsx')]);
    await act(async () => driven.resolve({ ...OUTCOME, sheet: null, filesRead: 0, projects: 0 }));
    expect(host.calls.inspectSource).toBe(before);
  });

  it('writes nothing and offers no source when no file could be read', async () => {
    const driven = drivenMerge();
    await renderPane(driven.merge);
    await pick([xlsx('a.xlsx')]);
    await act(async () => driven.resolve({ ...OUTCOME, sheet: null, filesRead: 0, projects: 0 }));
    expect(screen.getByTestId('merge-result').textContent).toBe('没有可合并的台账，未写入工作表。');
    expect(screen.queryByTestId('merge-use-as-source')).toBeNull();
  });

  it('shows a failure of the write with its code, in English too', async () => {
    const driven = drivenMerge();
    await renderPane(driven.merge, 'en-US');
    await pick([xlsx('a.xlsx')]);
    await act(async () => driven.reject(new PortError('write_failed', 'sync failed')));
    expect(screen.getByTestId('merge-result').textContent).toMatch(/^The merge failed: .+ Error code: write_failed$/);
    expect(screen.queryByTestId('merge-use-as-source')).toBeNull();
  });

  it('hands the merge the files with their bytes', async () => {
    const driven = drivenMerge();
    await renderPane(driven.merge);
    await pick([xlsx('a.xlsx')]);
    const bytes = await driven.calls[0]!.files[0]!.bytes();
    expect(Array.from(bytes)).toEqual([80, 75, 3, 4]);
  });
});
