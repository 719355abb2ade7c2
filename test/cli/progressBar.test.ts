import { createProgressBar, SILENT_PROGRESS } from '../../src/cli/progressBar';
import { readProgress } from '../../src/cli/readProgress';

const tty = (): { isTTY: boolean; columns: number; written: string[]; write(t: string): void } => {
  const written: string[] = [];
  return { isTTY: true, columns: 100, written, write: (t: string) => void written.push(t) };
};

describe('createProgressBar', () => {
  it('draws nothing when the stream is not a terminal', () => {
    expect(createProgressBar({ write: () => undefined }, 'x')).toBe(SILENT_PROGRESS);
  });

  it('redraws one line in place, at most every 100 ms, and clears it when done', () => {
    const stream = tty();
    let now = 0;
    const bar = createProgressBar(stream, '读取', () => now);
    bar.update(0.5, '50,000 行');
    now = 50;
    bar.update(0.6, 'skipped');
    now = 200;
    bar.update(1, 'done');
    bar.done();
    expect(stream.written).toHaveLength(3);
    expect(stream.written[0]).toBe(`\r\x1b[2K读取 [${'█'.repeat(15)}${'░'.repeat(15)}]  50%  50,000 行`);
    expect(stream.written[1]).toContain('100%');
    expect(stream.written[2]).toBe('\r\x1b[2K');
  });
});

describe('readProgress', () => {
  const io = (stderr: ReturnType<typeof tty>) => ({ stdout: { write: () => undefined }, stderr, env: {} });

  it('shows a bar only above 20,000 rows', () => {
    const small = tty();
    const p = readProgress(io(small), 'zh-CN');
    p.onSourceRows(5_000);
    p.onProgress(5_000, 1);
    p.done();
    expect(small.written).toEqual([]);

    const large = tty();
    const q = readProgress(io(large), 'en-US');
    q.onSourceRows(null);
    q.onProgress(20_000, null);
    expect(large.written).toEqual([]);
    q.onProgress(21_000, null);
    expect(large.written.at(-1)).toContain('21,000 rows read');
  });
});
