import { KEY_FIGURE_IDS, type KeyFigureValue, type Summary } from './types';

/**
 * The key figures of a summary in the briefings' order: projects, SOEs, total investment,
 * started projects, invested to date. Amounts in 万元. The summary sheet, the task pane cards
 * and the brief all list them in this order.
 * @example keyFigures(summary).map((f) => f.id) // ['projects', 'soes', 'totalWan', 'started', 'investedWan']
 */
export function keyFigures(summary: Summary): readonly KeyFigureValue[] {
  const { totals } = summary;
  return KEY_FIGURE_IDS.map((id) => ({
    id,
    kind: id === 'totalWan' || id === 'investedWan' ? 'amount' : 'count',
    value: totals[id],
  }));
}
