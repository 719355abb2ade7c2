import { readLedger } from '../../../src/domain/ledger/readLedger';
import { createLedgerMerge, mergeLedgers } from '../../../src/domain/merge/mergeLedgers';
import type { MergeSource } from '../../../src/domain/merge/types';
import { DISTRICT_FILES } from './districtLedgers';

const sources = (): MergeSource[] => DISTRICT_FILES.map((f) => ({ file: f.file, read: readLedger(f.grid, { sheetName: '台账' }) }));

describe('createLedgerMerge', () => {
  it('gives, file by file, what mergeLedgers gives for all the files', () => {
    const merge = createLedgerMerge();
    for (const source of sources()) merge.add(source);
    const result = merge.finish();
    expect(result).toStrictEqual(mergeLedgers(sources()));
    expect(result.duplicates).toHaveLength(2);
    expect(result.fileDistricts).toEqual(['甘井子区', '金普新区', null]);
  });

  it('gives the files added so far', () => {
    const merge = createLedgerMerge();
    const [first, second] = sources();
    merge.add(first as MergeSource);
    merge.add(second as MergeSource);
    expect(merge.finish()).toStrictEqual(mergeLedgers([first as MergeSource, second as MergeSource]));
    expect(createLedgerMerge().finish()).toEqual({ projects: [], duplicates: [], issues: [], fileDistricts: [] });
  });
});
