/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { createFakeHost, failedReport, issue, okReport, type FakeHost, type FakeHostOptions } from './fakeHost';

afterEach(cleanup);

/** Render the pane over a fake host and let its start-up effects settle. */
async function renderPane(options: FakeHostOptions = {}): Promise<FakeHost> {
  const host = createFakeHost(options);
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
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
