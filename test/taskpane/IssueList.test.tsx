/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { LedgerIssue } from '../../src/domain/validate/types';
import { IssueList } from '../../src/taskpane/IssueList';
import { issue } from './fakeHost';

afterEach(cleanup);

const ISSUES: readonly LedgerIssue[] = [
  issue({ code: 'stage_unknown', sheetRow: 4, raw: '在建中', suggestion: { 'zh-CN': '改为“在建”', 'en-US': 'Use 在建' } }),
  issue({ code: 'stage_unknown', sheetRow: 9, raw: '已批' }),
  issue({ code: 'amount_placeholder', severity: 'warning', sheetRow: 7, column: { letter: 'F', header: '总投资（万元）' }, raw: '待定' }),
  issue({ code: 'row_skipped', severity: 'info', sheetRow: 30, column: null, raw: null }),
  issue({ code: 'missing_column', sheetRow: null, column: null, raw: null }),
];

function renderList(issues: readonly LedgerIssue[], onSelect: (i: LedgerIssue) => void = () => undefined, pageSize?: number): void {
  render(
    <FluentProvider theme={webLightTheme}>
      <IssueList lang="zh-CN" issues={issues} onSelect={onSelect} {...(pageSize === undefined ? {} : { pageSize })} />
    </FluentProvider>,
  );
}

const shownCodes = (): (string | null)[] =>
  Array.from(screen.getByRole('list', { name: '问题清单' }).querySelectorAll(':scope > li'), (li) => li.getAttribute('data-code'));

describe('IssueList', () => {
  it('shows errors, then warnings by default, with the counts', () => {
    renderList(ISSUES);
    expect(shownCodes()).toEqual(['stage_unknown', 'stage_unknown', 'missing_column', 'amount_placeholder']);
    expect(screen.getByTestId('issue-counts').textContent).toBe('3 个错误，1 个警告');
  });

  it('shows each item’s row, column, raw value, message and suggestion', () => {
    renderList(ISSUES);
    const first = screen.getByRole('list', { name: '问题清单' }).querySelector('li')!;
    expect(first.textContent).toBe('错误第 4 行 · E 列 · 项目阶段问题 stage_unknown原值：在建中改为“在建”');
  });

  it('filters by severity', () => {
    renderList(ISSUES);
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'warning' } });
    expect(shownCodes()).toEqual(['amount_placeholder']);
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'info' } });
    expect(shownCodes()).toEqual(['row_skipped']);
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'all' } });
    expect(shownCodes()).toHaveLength(5);
  });

  it('counts issues by code and filters by a code', () => {
    renderList(ISSUES);
    const codes = screen.getByRole('list', { name: '问题类型' });
    expect(Array.from(codes.querySelectorAll('button'), (b) => b.textContent)).toEqual([
      '2阶段无法识别',
      '1缺少必填列',
      '1amount_placeholder',
    ]);
    fireEvent.click(within(codes).getByRole('button', { name: /阶段无法识别/ }));
    expect(shownCodes()).toEqual(['stage_unknown', 'stage_unknown']);
    expect(within(codes).getByRole('button', { name: /阶段无法识别/ }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(codes).getByRole('button', { name: /阶段无法识别/ }));
    expect(shownCodes()).toHaveLength(4);
  });

  it('selects the issue’s cell on click; sheet-level issues are not clickable', () => {
    const selected: LedgerIssue[] = [];
    renderList(ISSUES, (i) => selected.push(i));
    fireEvent.click(screen.getByText('待定'));
    expect(selected.map((i) => i.sheetRow)).toEqual([7]);
    const sheetLevel = screen.getAllByText('问题 missing_column')[0]!.closest('li')!;
    expect(sheetLevel.querySelector('button')).toBeNull();
  });

  it('renders ledger text as text, never as HTML', () => {
    renderList([issue({ code: 'stage_unknown', raw: '<img src=x onerror=alert(1)>' })]);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('raw').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('renders the first page of a long list and shows more on request', () => {
    const many = Array.from({ length: 450 }, (_, i) => issue({ code: 'stage_unknown', sheetRow: i + 2 }));
    renderList(many);
    expect(shownCodes()).toHaveLength(200);
    expect(screen.getByText('显示 200 / 450 条')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '再显示 200 条' }));
    expect(shownCodes()).toHaveLength(400);
    fireEvent.click(screen.getByRole('button', { name: '再显示 50 条' }));
    expect(shownCodes()).toHaveLength(450);
  });

  it('says so when there are no issues', () => {
    renderList([]);
    expect(screen.getByText('没有发现问题。')).toBeTruthy();
  });
});
