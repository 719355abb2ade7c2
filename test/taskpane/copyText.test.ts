/** @jest-environment jsdom */
import { copyText } from '../../src/taskpane/copyText';

const TEXT = '目前共有央地合作项目23个。';

/** A textarea showing `TEXT` and a focused button, as the briefing panel has them. */
function setUp(): { textarea: HTMLTextAreaElement; button: HTMLButtonElement } {
  document.body.innerHTML = '';
  const textarea = document.createElement('textarea');
  textarea.readOnly = true;
  textarea.value = TEXT;
  const button = document.createElement('button');
  document.body.append(textarea, button);
  button.focus();
  return { textarea, button };
}

function setClipboard(clipboard: unknown): void {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
}

let execCommand: jest.Mock<boolean, [string]>;

beforeEach(() => {
  execCommand = jest.fn<boolean, [string]>(() => true);
  Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
});

afterEach(() => {
  delete (navigator as { clipboard?: unknown }).clipboard;
  delete (document as { execCommand?: unknown }).execCommand;
});

describe('copyText', () => {
  it('writes the text with the asynchronous clipboard', async () => {
    const { textarea } = setUp();
    const writeText = jest.fn(async (_text: string) => undefined);
    setClipboard({ writeText });
    await expect(copyText(TEXT, textarea)).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(execCommand).not.toHaveBeenCalled();
  });

  it('falls back to selecting the text and execCommand("copy") when the clipboard refuses', async () => {
    const { textarea, button } = setUp();
    let selected: string | null = null;
    execCommand.mockImplementation(() => {
      selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
      return true;
    });
    setClipboard({ writeText: async () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) });
    await expect(copyText(TEXT, textarea)).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(selected).toBe(TEXT);
    // The keyboard focus goes back to the button.
    expect(document.activeElement).toBe(button);
  });

  it('falls back when there is no asynchronous clipboard (insecure context, older host)', async () => {
    const { textarea } = setUp();
    setClipboard(undefined);
    await expect(copyText(TEXT, textarea)).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
  });

  it('reports failure and leaves the text selected for the user when nothing can copy', async () => {
    const { textarea } = setUp();
    setClipboard({ writeText: async () => Promise.reject(new Error('blocked')) });
    execCommand.mockImplementation(() => {
      throw new Error('not allowed');
    });
    await expect(copyText(TEXT, textarea)).resolves.toBe(false);
    expect(document.activeElement).toBe(textarea);
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([0, TEXT.length]);
  });

  it('reports failure without a fallback element', async () => {
    setUp();
    setClipboard(undefined);
    await expect(copyText(TEXT, null)).resolves.toBe(false);
  });
});
