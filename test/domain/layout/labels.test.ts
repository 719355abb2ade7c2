import { LABELS } from '../../../src/domain/layout/labels';
import { formatLabel } from '../../../src/domain/layout/formatLabel';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1] ?? '').sort();

describe('LABELS', () => {
  it('has exactly the same keys in zh-CN and en-US', () => {
    expect(Object.keys(LABELS['en-US']).sort()).toEqual(Object.keys(LABELS['zh-CN']).sort());
  });

  it('has no empty label', () => {
    for (const table of Object.values(LABELS)) {
      for (const [key, text] of Object.entries(table)) expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, zh] of Object.entries(LABELS['zh-CN'])) {
      expect([key, placeholders(LABELS['en-US'][key as keyof (typeof LABELS)['en-US']])]).toEqual([key, placeholders(zh)]);
    }
  });
});

describe('formatLabel', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatLabel('zh-CN', 'source', { sheet: '台账', rows: 70 })).toBe('数据来源：台账（70 行数据）');
    expect(formatLabel('en-US', 'source', { sheet: 'Ledger' })).toBe('Source: Ledger ({rows} data {rows:row|rows})');
    expect([1, 70].map((rows) => formatLabel('en-US', 'source', { sheet: 'Ledger', rows }))).toEqual(['Source: Ledger (1 data row)', 'Source: Ledger (70 data rows)']);
  });
});
