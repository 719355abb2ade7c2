import { orderedReadProgress } from '../../src/cli/orderedReadProgress';
import type { ReadProgress } from '../../src/cli/readProgress';

/** `open` for `orderedReadProgress` that logs every call as "file: call". */
function logged(): { open: (index: number) => ReadProgress; log: string[] } {
  const log: string[] = [];
  return {
    log,
    open: (index) => ({
      onSourceRows: (rows) => log.push(`${index}: source ${rows}`),
      onProgress: (rows, fraction) => log.push(`${index}: ${rows} ${fraction}`),
      done: () => log.push(`${index}: done`),
    }),
  };
}

describe('orderedReadProgress', () => {
  it('shows the files one at a time in their order, replaying the latest progress of a file whose turn comes', () => {
    const { open, log } = logged();
    const forFile = orderedReadProgress(3, open);
    const [a, b, c] = [forFile(0), forFile(1), forFile(2)];
    b.onSourceRows(30_000);
    b.onProgress(10_000, 0.33);
    a.onSourceRows(50_000);
    b.onProgress(20_000, 0.66);
    a.onProgress(25_000, 0.5);
    c.onSourceRows(null);
    a.done();
    b.onProgress(30_000, 1);
    b.done();
    c.onProgress(1_000, null);
    c.done();
    expect(log).toEqual([
      '0: source 50000',
      '0: 25000 0.5',
      '0: done',
      '1: source 30000',
      '1: 20000 0.66',
      '1: 30000 1',
      '1: done',
      '2: source null',
      '2: 1000 null',
      '2: done',
    ]);
  });

  it('shows nothing of a file done before its turn', () => {
    const { open, log } = logged();
    const forFile = orderedReadProgress(3, open);
    const [a, b, c] = [forFile(0), forFile(1), forFile(2)];
    b.onSourceRows(100);
    b.done();
    c.onProgress(1_000, 0.1);
    a.done();
    c.done();
    a.done();
    expect(log).toEqual(['2: 1000 0.1', '2: done']);
  });
});
