import { helpText } from '../../src/cli/helpText';

describe('helpText', () => {
  it.each([
    ['zh-CN', 'summarize'],
    ['zh-CN', 'validate'],
    ['zh-CN', 'refresh'],
    ['zh-CN', 'brief'],
    ['zh-CN', 'diff'],
    ['en-US', 'summarize'],
    ['en-US', 'validate'],
    ['en-US', 'refresh'],
    ['en-US', 'brief'],
    ['en-US', 'diff'],
  ] as const)('documents in %s the %s command', (lang, command) => {
    expect(helpText(lang)).toContain(`ledger-stats ${command} <`);
  });
});
