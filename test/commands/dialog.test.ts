/** @jest-environment jsdom */
import { renderOutcome } from '../../src/commands/dialog';
import { outcomeDialogUrl, parseOutcomeQuery } from '../../src/commands/outcomeMessage';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main id="outcome"></main>';
});

describe('renderOutcome', () => {
  it('shows the title as a heading, the lines as text and a Close button in the message language', () => {
    const onClose = jest.fn();
    renderOutcome(document, { ok: true, lang: 'en-US', title: 'Refresh done', lines: ['23 projects', '4 errors, 5 warnings'] }, onClose);
    expect(document.documentElement.lang).toBe('en-US');
    expect(document.querySelector('h1')?.textContent).toBe('Refresh done');
    expect([...document.querySelectorAll('#outcome p')].map((p) => p.textContent)).toEqual(['23 projects', '4 errors, 5 warnings']);
    const button = document.querySelector('button')!;
    expect([button.textContent, button.type, document.activeElement === button]).toEqual(['Close', 'button', true]);
    button.click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('renders markup from the query as literal text', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const url = outcomeDialogUrl('https://localhost:3000/commands.html', { ok: false, lang: 'zh-CN', title: evil, lines: [evil] });
    renderOutcome(document, parseOutcomeQuery(new URL(url).search), () => undefined);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(document.querySelector('h1')?.textContent).toBe(evil);
    expect(document.querySelector('#outcome p')?.textContent).toBe(evil);
    expect(document.querySelector('#outcome')?.getAttribute('role')).toBe('alert');
  });
});
