import { sheetAmountUnit } from '../../../src/domain/layout/sheetAmountUnit';

describe('sheetAmountUnit', () => {
  it.each<['zh-CN' | 'en-US', 'yi' | 'wan', number, string, number, number]>([
    // 3,695,100 万元 = 369.51 亿元 = 36.951 bn.
    ['zh-CN', 'yi', 1, '亿元', 369.51, 1],
    ['en-US', 'yi', 1, 'CNY bn', 36.951, 2],
    ['zh-CN', 'wan', 0, '万元', 3_695_100, 0],
    ['en-US', 'wan', 2, 'CNY 10,000', 3_695_100, 2],
  ])('shows %s sheets with display unit %s at %p decimals in %s', (lang, displayUnit, decimals, label, value, shownDecimals) => {
    const unit = sheetAmountUnit(lang, displayUnit, decimals);
    expect(unit.label).toBe(label);
    expect(unit.fromWan(3_695_100)).toBeCloseTo(value, 9);
    expect(unit.decimals).toBe(shownDecimals);
  });

  it('gives 0, never -0', () => {
    expect(Object.is(sheetAmountUnit('en-US', 'yi', 1).fromWan(-0), 0)).toBe(true);
    expect(Object.is(sheetAmountUnit('zh-CN', 'wan', 1).fromWan(-0), 0)).toBe(true);
  });
});
