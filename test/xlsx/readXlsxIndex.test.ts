import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decodeXml, readXlsxIndex } from '../../src/xlsx/readXlsxIndex';
import { writeGridXlsx } from './xlsxFixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readXlsxIndex', () => {
  it('lists sheets in tab order with their visibility and last used row', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [
      { name: '说明 & notes', grid: [['x']] },
      { name: '台账', grid: Array.from({ length: 120 }, (_, i) => [i]) },
      { name: '_state', grid: [['s']], state: 'veryHidden' },
    ]);
    const index = await readXlsxIndex(path);
    expect(index.sheets.map((s) => [s.name, s.state, s.rowCount])).toEqual([
      ['说明 & notes', 'visible', 1],
      ['台账', 'visible', 120],
      ['_state', 'veryHidden', 1],
    ]);
  });

  it('throws file_unreadable for a zip-signed file without a directory', async () => {
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    await expect(readXlsxIndex(path)).rejects.toMatchObject({ code: 'file_unreadable' });
  });
});

describe('decodeXml', () => {
  it('decodes entities and character references', () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &quot;&apos; &#x4E2D;&#22269;')).toBe('a & b <c> "\' 中国');
  });
});
