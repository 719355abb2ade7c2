import { OUTCOME_LIMITS, enCount, outcomeCounts, outcomeDialogUrl, outcomeMessage, parseOutcomeQuery, type OutcomeMessage } from '../../src/commands/outcomeMessage';
import { runNote } from '../../src/workflows/runNotes';
import type { RunReport } from '../../src/workflows/refresh';
import { failedReport, issue, okReport } from '../taskpane/fakeHost';

const PAGE = 'https://localhost:3000/commands.html?_host_Info=Excel$Win32$16.01$zh-CN';

/** A successful report of `projects` rows with the given issues. */
function withProjects(projects: number, report: RunReport = okReport({})): RunReport {
  const rows = Array.from({ length: projects }, () => ({}) as NonNullable<RunReport['read']>['rows'][number]);
  return { ...report, read: { ...report.read!, rows } };
}

const ISSUES = [issue({ code: 'a', severity: 'error' }), issue({ code: 'b', severity: 'warning' }), issue({ code: 'c', severity: 'warning' })];
const NOT_FOUND = { code: 'ledger_not_found', message: { 'zh-CN': '没有找到台账。', 'en-US': 'No ledger was found.' }, detail: '' };

describe('outcomeMessage', () => {
  it('titles a success and counts projects, errors and warnings', () => {
    const message = outcomeMessage(withProjects(23, okReport({}, ISSUES)));
    expect([message.ok, message.lang, message.title]).toEqual([true, 'zh-CN', '刷新完成']);
    expect(message.lines).toEqual(['23 个项目（2025年9月30日 14:05）', '错误 1 个，警告 2 个']);
  });

  it('speaks the run language', () => {
    const message = outcomeMessage({ ...withProjects(5, okReport({}, ISSUES)), lang: 'en-US' });
    expect(message.title).toBe('Refresh done');
    expect(message.lines.join('\n')).toMatch(/^5 projects \(2025-09-30 14:05\)\n1 error, 2 warnings$/);
  });

  it('uses the English singular for exactly one', () => {
    const report = { ...withProjects(1, okReport({}, [ISSUES[1]!])), lang: 'en-US', notes: [{}] } as unknown as RunReport;
    expect(outcomeMessage(report).lines).toEqual(['1 project (2025-09-30 14:05)', '0 errors, 1 warning', '1 feature limited (see the task pane)']);
    expect([0, 1, 2].map((n) => enCount(n, 'row'))).toEqual(['0 rows', '1 row', '2 rows']);
  });

  it('mentions limited features when the run has capability notes', () => {
    const report = { ...withProjects(1), notes: [{}, {}] } as unknown as RunReport;
    expect(outcomeMessage(report).lines).toContain('2 项功能受限（见任务窗格）');
  });

  it('does not count a note on a failed step as a limited feature', () => {
    const marksFailed = runNote('marks_failed', new Error('AccessDenied'));
    const report: RunReport = { ...withProjects(1), notes: [{ code: 'marks_as_fills', message: { 'zh-CN': 'x', 'en-US': 'x' } }, marksFailed] };
    expect(outcomeCounts(report).notes).toBe(1);
  });

  it.each([
    ['zh-CN', '刷新失败', '没有找到台账。', '错误代码：ledger_not_found'],
    ['en-US', 'Refresh failed', 'No ledger was found.', 'Error code: ledger_not_found'],
  ] as const)('titles a failure in %s with its message and error code', (lang, title, text, code) => {
    const message = outcomeMessage({ ...failedReport(NOT_FOUND), lang });
    expect([message.ok, message.title]).toEqual([false, title]);
    expect(message.lines.slice(0, 2)).toEqual([text, code]);
  });
});

describe('outcomeDialogUrl', () => {
  it('points at dialog.html next to the commands page and drops its query', () => {
    const url = new URL(outcomeDialogUrl(PAGE, outcomeMessage(withProjects(3))));
    expect(url.origin + url.pathname).toBe('https://localhost:3000/dialog.html');
    expect([...url.searchParams.keys()]).toEqual(['lang', 'ok', 'title', 'lines']);
  });

  it.each([
    ['a success', outcomeMessage(withProjects(23, okReport({}, ISSUES)))],
    ['a failure', outcomeMessage({ ...failedReport(NOT_FOUND), lang: 'en-US' })],
  ])('round-trips %s through URLSearchParams', (_name, message) => {
    expect(parseOutcomeQuery(new URL(outcomeDialogUrl(PAGE, message)).search)).toEqual(message);
  });

  it('keeps markup in an error message as literal text', () => {
    const evil = '项目<img src=x onerror="alert(1)">&amp;</p><script>x()</script>';
    const message = outcomeMessage(failedReport({ ...NOT_FOUND, message: { 'zh-CN': evil, 'en-US': evil } }));
    const url = outcomeDialogUrl(PAGE, message);
    expect(url).not.toMatch(/[<>"]/);
    expect(parseOutcomeQuery(new URL(url).search).lines[0]).toBe(evil);
  });

  it('caps the title, the number of lines and each line', () => {
    const long: OutcomeMessage = { ok: false, lang: 'zh-CN', title: '题'.repeat(500), lines: Array.from({ length: 50 }, () => '字'.repeat(5000)) };
    const url = outcomeDialogUrl(PAGE, long);
    const back = parseOutcomeQuery(new URL(url).search);
    expect(Array.from(back.title)).toHaveLength(OUTCOME_LIMITS.titleChars);
    expect(back.lines).toHaveLength(OUTCOME_LIMITS.lines);
    expect(back.lines.every((line) => Array.from(line).length === OUTCOME_LIMITS.lineChars && line.endsWith('…'))).toBe(true);
    expect(url.length).toBeLessThan(12_000);
  });
});

describe('parseOutcomeQuery', () => {
  it.each([
    ['an empty query', '', { ok: false, lang: 'zh-CN', title: '刷新失败', lines: [] }],
    ['an unknown language', '?lang=fr&ok=1', { ok: true, lang: 'zh-CN', title: '刷新完成', lines: [] }],
    ['an English success without a title', '?lang=en-US&ok=1&lines=a%0Ab', { ok: true, lang: 'en-US', title: 'Refresh done', lines: ['a', 'b'] }],
  ])('reads %s with safe defaults', (_name, search, expected) => {
    expect(parseOutcomeQuery(search)).toEqual(expected);
  });

  it('caps what a hand-made URL carries', () => {
    const search = new URLSearchParams({ title: 'x'.repeat(10_000), lines: Array.from({ length: 1000 }, () => 'y'.repeat(1000)).join('\n') }).toString();
    const message = parseOutcomeQuery(search);
    expect(message.title.length).toBe(OUTCOME_LIMITS.titleChars);
    expect(message.lines).toHaveLength(OUTCOME_LIMITS.lines);
    expect(Math.max(...message.lines.map((l) => l.length))).toBe(OUTCOME_LIMITS.lineChars);
  });
});
