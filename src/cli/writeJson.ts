import type { ProgressStream } from './progressBar';

/** Arrays of at least this many items are written in parts. */
const STREAMED_ITEMS = 1_000;
/** Items of a streamed array per write. */
const ITEMS_PER_WRITE = 2_000;
/** Stands for a streamed array while the rest of the document is made into text (U+0000 is written as \u0000). */
const placeholder = (n: number): string => `\u0000ledger-stats:streamed:${n}\u0000`;

/**
 * Write `document` as `JSON.stringify(document, null, 2)` and a newline — the same text — with every array of a
 * thousand items or more written a few thousand items at a time instead of as part of one string: a full sheet's
 * `summarize --json` has 759,412 issues and 448,820 lagging projects, 290 MB of JSON text.
 */
export function writeJson(stream: ProgressStream, document: unknown): void {
  if (Array.isArray(document) && document.length >= STREAMED_ITEMS) {
    writeArray(stream, document, '');
    stream.write('\n');
    return;
  }
  const streamed: (readonly unknown[])[] = [];
  const text = JSON.stringify(
    document,
    (key, value: unknown) => {
      if (key === '' || !Array.isArray(value) || value.length < STREAMED_ITEMS) return value;
      streamed.push(value);
      return placeholder(streamed.length - 1);
    },
    2,
  );
  if (text === undefined) {
    // What JSON.stringify gives a function or undefined, written as console.log would.
    stream.write('undefined\n');
    return;
  }
  let from = 0;
  streamed.forEach((items, n) => {
    const mark = JSON.stringify(placeholder(n));
    const at = text.indexOf(mark, from);
    const indent = /^ */.exec(text.slice(text.lastIndexOf('\n', at) + 1))?.[0] ?? '';
    stream.write(text.slice(from, at));
    writeArray(stream, items, indent);
    from = at + mark.length;
  });
  stream.write(`${text.slice(from)}\n`);
}

/** An array's text as `JSON.stringify` indents it by two when it starts on a line indented by `indent`. */
function writeArray(stream: ProgressStream, items: readonly unknown[], indent: string): void {
  if (items.length === 0) {
    stream.write('[]');
    return;
  }
  const inner = `${indent}  `;
  let text = '[\n';
  for (let i = 0; i < items.length; i++) {
    // JSON.stringify writes an array's undefined or function item as null.
    const item = JSON.stringify(items[i], null, 2) ?? 'null';
    text += `${inner}${item.replace(/\n/g, `\n${inner}`)}${i + 1 < items.length ? ',\n' : ''}`;
    if ((i + 1) % ITEMS_PER_WRITE === 0) {
      stream.write(text);
      text = '';
    }
  }
  stream.write(`${text}\n${indent}]`);
}
