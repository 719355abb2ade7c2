import { displayWidth } from './displayWidth';

/**
 * Width of a wide (CJK, fullwidth) character in column-width characters. A column-width character is the maximum
 * digit width of the default font, 7 pixels for Calibri 11 at 96 dpi (ECMA-376 Part 1 §18.3.1.13, col `width`); a
 * CJK character is one em of an 11-point font, 11 × 96 / 72 ≈ 14.67 pixels, so 2.1 rather than `displayWidth`'s 2.
 */
const WIDE_CHARS = (11 * 96) / 72 / 7;

/** A run that wraps as one piece: a wide character alone, a run of spaces, or a run of other characters (a word, a number). */
const PIECES = /\s+|\S+/gu;

/**
 * How many lines `text` takes when wrapped in a cell `width` characters wide (column-width characters, as
 * `SheetPlan.columnWidths`): each line filled greedily, breaking at spaces and beside wide characters (CJK text
 * breaks between any two characters), a word longer than a line cut where it runs over, and a line break (`\n`)
 * starting a new line. At least 1.
 * @example wrappedLineCount('总投资'.repeat(10), 20) // 4 (30 characters of 2.1, 9 a line)
 */
export function wrappedLineCount(text: string, width: number): number {
  const usable = Math.max(WIDE_CHARS, width);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const piece of pieces(paragraph)) {
      const isSpace = /^\s/u.test(piece);
      if (isSpace) {
        // Spaces at the end of a line are dropped, not wrapped.
        used = Math.min(usable, used + piece.length);
        continue;
      }
      const pieceWidth = widthOf(piece);
      if (used + pieceWidth <= usable) {
        used += pieceWidth;
        continue;
      }
      if (pieceWidth <= usable && used > 0) {
        lines += 1;
        used = pieceWidth;
        continue;
      }
      // Longer than a line: cut it character by character.
      for (const ch of piece) {
        const w = widthOf(ch);
        if (used + w > usable && used > 0) {
          lines += 1;
          used = 0;
        }
        used += w;
      }
    }
  }
  return lines;
}

/** The pieces of one line, with every wide character a piece of its own (a line may break beside it). */
function* pieces(line: string): Generator<string> {
  for (const [run] of line.matchAll(PIECES)) {
    let narrow = '';
    for (const ch of run) {
      if (displayWidth(ch) === 2) {
        if (narrow !== '') yield narrow;
        narrow = '';
        yield ch;
      } else narrow += ch;
    }
    if (narrow !== '') yield narrow;
  }
}

/** Width in column-width characters: a wide character 2.1, any other 1. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    width += w === 2 ? WIDE_CHARS : w;
  }
  return width;
}
