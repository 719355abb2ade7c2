import { LANGS } from '../../src/domain/ledger/types';
import { ISSUE_CODES } from '../../src/domain/validate/issueMessages';
import { failureLine, fieldLabel, fill, issueCodeLabel, ISSUE_CODE_LABELS, LABELS } from '../../src/taskpane/labels';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('LABELS', () => {
  it('has the same keys in zh-CN and en-US', () => {
    expect(Object.keys(LABELS['en-US']).sort()).toEqual(Object.keys(LABELS['zh-CN']).sort());
  });

  it('has the same placeholders in both languages', () => {
    for (const key of Object.keys(LABELS['zh-CN']) as (keyof (typeof LABELS)['zh-CN'])[]) {
      expect([key, placeholders(LABELS['en-US'][key])]).toEqual([key, placeholders(LABELS['zh-CN'][key])]);
    }
  });

  it('has a short name for every issue code in both languages', () => {
    for (const lang of LANGS) expect(Object.keys(ISSUE_CODE_LABELS[lang]).sort()).toEqual([...ISSUE_CODES].sort());
  });
});

describe('fieldLabel', () => {
  it('names a field in each language', () => {
    expect(fieldLabel('zh-CN', 'totalInvestment')).toBe('总投资');
    expect(fieldLabel('en-US', 'totalInvestment')).toBe('Total investment');
  });
});

describe('issueCodeLabel', () => {
  it('names known codes and shows unknown ones as they are', () => {
    expect(issueCodeLabel('zh-CN', 'stage_unknown')).toBe('阶段无法识别');
    expect(issueCodeLabel('en-US', 'new_code')).toBe('new_code');
  });
});

describe('fill', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('zh-CN', 'rowCol', { row: 12, col: 'F' })).toBe('第 12 行 · F 列');
    expect(fill('en-US', 'rowCol', { row: 12 })).toBe('Row 12 · column {col}');
  });
});

describe('failureLine', () => {
  it('puts the failure’s message into the label, then its error code, in either language', () => {
    const error = { code: 'write_failed', message: { 'zh-CN': '文件被占用', 'en-US': 'the file is in use' } };
    expect(failureLine('zh-CN', 'mergeFailed', error)).toBe(`${fill('zh-CN', 'mergeFailed', { message: '文件被占用' })} 错误代码：write_failed`);
    expect(failureLine('en-US', 'dropStateFailed', error)).toBe(`${fill('en-US', 'dropStateFailed', { message: 'the file is in use' })} Error code: write_failed`);
    expect(failureLine('en-US', 'dropStateFailed', error)).toContain('the file is in use');
  });
});
