import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deflateRawSync } from 'zlib';
import { findUnkeptParts } from '../../src/xlsx/findUnkeptParts';
import { writeGridXlsx } from './xlsxFixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-unkept-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A zip holding empty entries with these names (enough for the directory scan). */
function writeZip(path: string, names: readonly string[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name);
    const data = deflateRawSync(Buffer.alloc(0));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, cd, end]));
}

describe('findUnkeptParts', () => {
  it('finds nothing in a plain workbook', async () => {
    await writeGridXlsx(join(dir, 'a.xlsx'), [{ name: 'S', grid: [['x']] }]);
    await expect(findUnkeptParts(join(dir, 'a.xlsx'))).resolves.toEqual([]);
  });

  it('finds charts, pivot tables, macros, slicers and add-in parts', async () => {
    writeZip(join(dir, 'b.xlsx'), [
      'xl/workbook.xml',
      'xl/charts/chart1.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/vbaProject.bin',
      'xl/slicers/slicer1.xml',
      'xl/webextensions/webextension1.xml',
    ]);
    await expect(findUnkeptParts(join(dir, 'b.xlsx'))).resolves.toEqual(['charts', 'pivots', 'macros', 'slicers', 'addins']);
  });
});
