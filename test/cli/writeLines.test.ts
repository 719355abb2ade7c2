import { cleanLine, writeLines } from '../../src/cli/cliIo';
import { issueLines } from '../../src/cli/formatIssuesText';
import { readLedger } from '../../src/domain/ledger/readLedger';
import { largeLedger } from '../fixtures/largeLedger';

function written(lines: Iterable<string>): { text: string; writes: number } {
  const chunks: string[] = [];
  writeLines({ write: (chunk: string) => chunks.push(chunk) }, lines);
  return { text: chunks.join(''), writes: chunks.length };
}

describe('writeLines', () => {
  it('writes each line cleaned and ended by a newline, a few thousand per write, from any iterable', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? `第 ${i} 行\n续\t完` : `line ${i}`));
    const out = written(lines.values());
    expect(out.text).toBe(`${lines.map(cleanLine).join('\n')}\n`);
    expect(out.writes).toBeGreaterThan(2);
    expect(written([])).toEqual({ text: '\n', writes: 1 });
    expect(written(['a'])).toEqual({ text: 'a\n', writes: 1 });
  });

  it('prints validate’s lines for a compact read as for a plain one', () => {
    const grid = largeLedger(1_000);
    const plain = [...issueLines(readLedger(grid), 'zh-CN')];
    expect(plain.length).toBeGreaterThan(100);
    expect([...issueLines(readLedger(grid, { compact: true }), 'zh-CN')]).toEqual(plain);
    expect(plain.at(-1)).toContain(String(readLedger(grid).counts.validRows));
  });
});
