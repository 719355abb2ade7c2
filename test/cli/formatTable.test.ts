import { displayWidth } from '../../src/domain/layout/displayWidth';
import { formatTable } from '../../src/cli/formatTable';

describe('formatTable', () => {
  it('aligns columns by display width under CJK text, with a rule before the footer', () => {
    const lines = formatTable(
      [
        { header: '领域', align: 'left' },
        { header: '项目数', align: 'right' },
      ],
      [
        ['新型基础设施', '5'],
        ['能源', '12'],
      ],
      [['合计', '17']],
    );
    expect(lines).toEqual([
      '  领域          项目数',
      '  ────────────────────',
      '  新型基础设施       5',
      '  能源              12',
      '  ────────────────────',
      '  合计              17',
    ]);
    expect(new Set(lines.filter((l) => !l.includes('─')).map(displayWidth)).size).toBe(1);
  });

  it('cuts long keys to the column\u2019s maximum width', () => {
    const [, , row] = formatTable([{ header: 'k', align: 'left', maxWidth: 6 }], [['大连数谷园区']]);
    expect(row).toBe('  大连…');
  });
});
