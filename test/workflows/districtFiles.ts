import { join } from 'path';
import { CITY_UNITS, GANJINGZI, JINPU } from '../domain/merge/districtLedgers';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

/** Write the three district ledgers (甘井子区, 金普新区 with a merged two-row header, 市直) as .xlsx files in `dir`; their paths in that order. */
export async function writeDistrictFiles(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const [file, grid, merges] of [
    [GANJINGZI.file, GANJINGZI.grid, []],
    [JINPU.file, JINPU.grid, ['F2:G2']],
    [CITY_UNITS.file, CITY_UNITS.grid, []],
  ] as const) {
    const path = join(dir, file);
    await writeGridXlsx(path, [{ name: '台账', grid, merges }]);
    paths.push(path);
  }
  return paths;
}
