/** @jest-environment jsdom */
import { LIGHT_ISSUE_PAGE, renderLightPane } from '../../src/legacyPane/renderLightPane';
import { createFakeHost, failedReport, issue, okReport, type FakeHost } from '../taskpane/fakeHost';

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
