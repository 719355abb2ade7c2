import { readLedger } from '../../../src/domain/ledger/readLedger';

describe('flagOutliers', () => {
  it("states the outlier and the median in the column's unit", () => {
    // 总投资 in 亿元: 50, 60, 40 and 5,000,000 (median 55 → 550,000 万元; 5e6 亿元 > 55 × 10⁴ 亿元).
    const grid = [
      ['序号', '项目名称', '合作央企', '领域', '项目阶段', '总投资(亿元)'],
      [1, '甲', '华能', '能源', '在建', 50],
      [2, '乙', '华能', '能源', '在建', 60],
      [3, '丙', '华能', '能源', '在建', 5_000_000],
      [4, '丁', '华能', '能源', '在建', 40],
    ];
    const outliers = readLedger(grid).issues.filter((i) => i.code === 'amount_outlier');
    expect(outliers.map((i) => [i.sheetRow, i.message['zh-CN']])).toEqual([
      [4, "'总投资(亿元)' 5,000,000 亿元超过该列中位数（55 亿元）的一万倍"],
    ]);
  });
});
