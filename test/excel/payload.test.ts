import { jsonBytes, PAYLOAD_TARGET_BYTES, rowsPerChunk, utf8Length } from '../../src/excel/payload';

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['汇总', 6],
    ['𠀀', 4],
  ])('%p is %p bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
  });
});

describe('jsonBytes', () => {
  it('measures the JSON text of a value', () => {
    expect(jsonBytes([['项目', 1]])).toBe(utf8Length('[["项目",1]]'));
  });
});

describe('rowsPerChunk', () => {
  it('keeps a chunk below the payload target with a safety margin', () => {
    const rows = rowsPerChunk(300, 12);
    expect(rows * 300 * 1.1).toBeLessThanOrEqual(PAYLOAD_TARGET_BYTES);
    expect((rows + 1) * 300 * 1.1).toBeGreaterThan(PAYLOAD_TARGET_BYTES);
  });

  it('caps the cells of a chunk and returns at least one row', () => {
    expect(rowsPerChunk(1, 1000)).toBe(1000);
    expect(rowsPerChunk(10_000_000, 12)).toBe(1);
  });
});
