import fc from 'fast-check';
import { writeJson } from '../../src/cli/writeJson';

function written(document: unknown): string {
  const chunks: string[] = [];
  writeJson({ write: (chunk: string) => chunks.push(chunk) }, document);
  return chunks.join('');
}

/** Values as the summary JSON has them, and some it has not (undefined, nested arrays, line breaks in text). */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.constantFrom('行\n二', '\u0000', '"引号"', '😀'), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 3 })),
})).node;

describe('writeJson', () => {
  it('writes what JSON.stringify(document, null, 2) writes, long arrays in parts wherever they are', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('source', 'totals', 'brief', 'x'), value, { maxKeys: 4 }), fc.array(value, { maxLength: 5000 }), fc.nat(4), (rest, issues, position) => {
        const keys = Object.keys(rest);
        const document: Record<string, unknown> = {};
        keys.slice(0, position).forEach((k) => (document[k] = rest[k]));
        document.issues = issues;
        keys.slice(position).forEach((k) => (document[k] = rest[k]));
        expect(written(document)).toBe(`${JSON.stringify(document, null, 2)}\n`);
        expect(written(issues)).toBe(`${JSON.stringify(issues, null, 2)}\n`);
        const nested = { warnings: { asOf: '2025-09-30', projects: issues, counts: [issues, 1] }, rest };
        expect(written(nested)).toBe(`${JSON.stringify(nested, null, 2)}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a long array in several writes, and documents without one whole', () => {
    const chunks: string[] = [];
    const issues = Array.from({ length: 5000 }, (_, i) => ({ sheetRow: i, message: `第 ${i} 行` }));
    writeJson({ write: (chunk: string) => chunks.push(chunk) }, { totals: { projects: 1 }, issues, brief: 'x' });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(`${JSON.stringify({ totals: { projects: 1 }, issues, brief: 'x' }, null, 2)}\n`);
    expect(written({ issues: [], a: 1 })).toBe(`${JSON.stringify({ issues: [], a: 1 }, null, 2)}\n`);
    expect(written('text')).toBe('"text"\n');
  });
});
