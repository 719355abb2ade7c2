/**
 * Copy `text` to the clipboard. `fallback` is an element showing the same text: when the
 * asynchronous clipboard is missing or refuses, its text is selected and copied with the older
 * `execCommand('copy')`. Resolves with whether the text was copied; never rejects.
 */
export type CopyText = (text: string, fallback: HTMLTextAreaElement | null) => Promise<boolean>;

/** The part of `navigator.clipboard` used here; absent outside secure contexts. */
interface AsyncClipboard {
  writeText?: (text: string) => Promise<void>;
}

/**
 * The browser's clipboard: `navigator.clipboard.writeText`, else (missing, or rejected, as in
 * Office on the web iframes without the clipboard-write permission) select the fallback
 * textarea's text and `document.execCommand('copy')`. On success the focus goes back where it
 * was; on failure the text stays selected in the textarea, for the user to copy by hand.
 */
export const copyText: CopyText = async (text, fallback) => {
  const clipboard = (navigator as { clipboard?: AsyncClipboard }).clipboard;
  if (typeof clipboard?.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Blocked by the host page's permissions policy: fall back to the selection.
    }
  }
  return copySelection(fallback);
};

function copySelection(element: HTMLTextAreaElement | null): boolean {
  if (element === null) return false;
  const active = document.activeElement;
  element.focus();
  element.select();
  let copied = false;
  try {
    copied = typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    copied = false;
  }
  if (copied && active instanceof HTMLElement && active !== element) active.focus();
  return copied;
}
