import { marksToRef } from '../../../src/xlsx/writer/marksToRef';

describe('marksToRef', () => {
  it('merges consecutive rows of a column into ranges', () => {
    expect(marksToRef(['F12', 'F13', 'F14', 'F20', 'B3', 'AA1', 'bogus'])).toBe('B3 F12:F14 F20 AA1');
  });

  it('counts a cell marked twice once', () => {
    expect(marksToRef(['C2', 'C2', 'C3'])).toBe('C2:C3');
  });
});
