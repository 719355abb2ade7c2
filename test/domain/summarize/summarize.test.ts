import { summarize } from '../../../src/domain/summarize/summarize';
import type { LedgerIssue } from '../../../src/domain/validate/types';
import { readOf, row } from './rowBuilder';

const issue: LedgerIssue = {
  code: 'amount_approximate',
  severity: 'warning',
  sheetRow: 3,
  column: { letter: 'G', header: '总投资（亿元）' },
  raw: '约20',
  message: { 'zh-CN': '金额为约数', 'en-US': 'Approximate amount' },
};

describe('summarize', () => {
  it('takes the source from the read: sheet, header rows, data rows, unit and counts', () => {
    const read = readOf([row(), row()], { issues: [issue] });
    const summary = summarize(read);
    expect(summary.source).toEqual({ sheet: '台账', headerRows: 1, dataRows: 2, unit: 'yi', counts: read.counts });
    expect(summary.issues).toEqual([issue]);
  });

  it('falls back to the sheet unit line, then to null', () => {
    const read = readOf([row()]);
    const header = read.header as NonNullable<typeof read.header>;
    const { totalInvestment: _dropped, ...columns } = header.columns;
    expect(summarize({ ...read, header: { ...header, columns, sheetUnit: 'wan' } }).source.unit).toBe('wan');
    expect(summarize({ ...read, header: { ...header, columns } }).source.unit).toBeNull();
    expect(summarize({ ...read, header: null }).source).toMatchObject({ headerRows: 0, unit: null });
  });

  it('keeps byDistrict and byCategory when the columns are mapped, even if every cell is blank', () => {
    const summary = summarize(readOf([row(), row()], { extraColumns: ['district', 'category'] }));
    expect(summary.byDistrict?.map((line) => [line.key, line.projects])).toEqual([[null, 2]]);
    expect(summary.byCategory?.map((line) => [line.key, line.projects])).toEqual([[null, 2]]);
  });

  it('leaves byDistrict and byCategory null when the columns are absent', () => {
    const summary = summarize(readOf([row()]));
    expect(summary.byDistrict).toBeNull();
    expect(summary.byCategory).toBeNull();
  });

  it('passes the SOE attribution through', () => {
    const summary = summarize(readOf([row({ soes: ['中国华能', '三峡集团'] })]), { soeAttribution: 'split' });
    expect(summary.soeAttribution).toBe('split');
    expect(summary.bySoe.map((line) => line.projects)).toEqual([0.5, 0.5]);
  });
});
