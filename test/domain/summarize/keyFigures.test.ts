import { keyFigures } from '../../../src/domain/summarize/keyFigures';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { row } from './rowBuilder';

describe('keyFigures', () => {
  it("lists projects, SOEs, total investment, started and invested in the briefings' order", () => {
    const summary = summarizeRows([
      row({ totalWan: 12_000, investedWan: 3_000, stage: 'construction', soes: ['中国华能', '三峡集团'] }),
      row({ totalWan: 500, stage: 'planning' }),
    ]);
    expect(keyFigures(summary)).toEqual([
      { id: 'projects', kind: 'count', value: 2 },
      { id: 'soes', kind: 'count', value: 2 },
      { id: 'totalWan', kind: 'amount', value: 12_500 },
      { id: 'started', kind: 'count', value: 1 },
      { id: 'investedWan', kind: 'amount', value: 3_000 },
    ]);
  });
});
