import { displayWidth, padDisplay, truncateDisplay } from '../../../src/domain/layout/displayWidth';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['SOE', 3],
    ['总投资', 6],
    ['总投资（亿元）', 14],
    ['１２３', 6],
    ['Ⅴ号', 3],
    ['한국', 4],
    ['😀', 2],
    ['e\u0301', 1],
    ['\u001b[31m', 4],
  ])('measures %j as %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('padDisplay', () => {
  it('pads by display width on either side', () => {
    expect(padDisplay('能源', 6)).toBe('能源  ');
    expect(padDisplay('12', 6, 'right')).toBe('    12');
    expect(padDisplay('太长的文字', 4)).toBe('太长的文字');
  });
});

describe('truncateDisplay', () => {
  it('cuts to the width with an ellipsis', () => {
    expect(truncateDisplay('大连数谷园区综合开发建设项目', 9)).toBe('大连数谷…');
    expect(truncateDisplay('short', 9)).toBe('short');
  });
});
