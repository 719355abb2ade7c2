import { lookupRegion } from '../../../src/domain/reference/lookupRegion';

describe('lookupRegion', () => {
  it.each<[string, string]>([
    ['金普新区', '金普新区'],
    ['金州区', '金普新区'],
    ['大连开发区', '金普新区'],
    ['保税区', '金普新区'],
    ['大连市金州区', '金普新区'],
    ['花园口经济区', '庄河市'],
    ['长兴岛', '长兴岛经济区'],
    ['高新园区', '高新区'],
    ['太平湾', '太平湾合作创新区'],
    ['普兰店市', '普兰店区'],
    ['全市', '市本级/跨区域'],
  ])('maps %j to %s', (text, region) => {
    expect(lookupRegion(text)?.name).toBe(region);
  });

  it('returns null for a place the table does not know', () => {
    expect(lookupRegion('营口市')).toBeNull();
  });
});
