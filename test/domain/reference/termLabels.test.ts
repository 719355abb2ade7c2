import { soeNamesEn, termLabelEn } from '../../../src/domain/reference/termLabels';

describe('termLabelEn', () => {
  it.each([
    ['能源', 'Energy'],
    ['仓储物流', 'Warehousing and logistics'],
    [' 省重点项目 ', 'Provincial key projects'],
    ['市谋划项目', 'Municipal pipeline projects'],
    ['省重点', 'Provincial key projects'],
    ['市谋划', 'Municipal pipeline projects'],
  ])('labels %s as %s', (name, label) => {
    expect(termLabelEn(name)).toBe(label);
  });

  it('has no label for a name it does not list (the caller keeps the Chinese)', () => {
    expect(termLabelEn('海洋牧场')).toBeNull();
  });
});

describe('soeNamesEn', () => {
  it('gives the official English name and its abbreviation', () => {
    expect(soeNamesEn('中国核工业集团有限公司')).toEqual({ full: 'China National Nuclear Corporation (CNNC)', short: 'CNNC' });
  });

  it('has none for a name outside the reference list', () => {
    expect(soeNamesEn('大连某某建设有限公司')).toBeNull();
  });
});
