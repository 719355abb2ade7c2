const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
/** An OOXML escaped character (ECMA-376 Part 1, §22.9.2.19 ST_Xstring): `_x000D_` is a carriage return. */
const ESCAPED_CHAR = /_x([0-9a-fA-F]{4})_/g;

function decodeReference(whole: string, ref: string): string {
  if (ref.charCodeAt(0) === 0x23 /* # */) {
    const code = ref.charCodeAt(1) === 0x78 /* x */ ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[ref] ?? whole;
}

/**
 * Decode XML character and entity references (`&amp;`, `&#x4E2D;`).
 * @example decodeXml('A &amp; B') // 'A & B'
 */
export function decodeXml(text: string): string {
  return text.indexOf('&') < 0 ? text : text.replace(REFERENCE, decodeReference);
}

/**
 * Decode the text of a cell or shared string: XML references, then OOXML `_xHHHH_` escapes.
 * @example decodeCellText('a_x000D_b') // 'a\rb'
 */
export function decodeCellText(text: string): string {
  const decoded = decodeXml(text);
  return decoded.indexOf('_x') < 0 ? decoded : decoded.replace(ESCAPED_CHAR, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The value of attribute `name` in a start tag, decoded; `undefined` when absent. `name` may be
 * a local name (`id` finds `r:id`) only when `anyPrefix` is set.
 * @example attributeOf('<sheet name="台账" r:id="rId1"/>', 'id', true) // 'rId1'
 */
export function attributeOf(tag: string, name: string, anyPrefix = false): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(`${name}=`, from);
    if (at < 0) return undefined;
    from = at + name.length + 1;
    const before = tag.charCodeAt(at - 1);
    const isStart = before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d;
    if (!isStart && !(anyPrefix && before === 0x3a /* : */)) continue;
    const quote = tag[from];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, from + 1);
    if (end < 0) return undefined;
    return decodeXml(tag.slice(from + 1, end));
  }
}

/** Every start tag `<prefix:local …>` of an element with this local name, in document order. */
export function startTags(xml: string, local: string): string[] {
  const tags: string[] = [];
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])[^>]*>`, 'g');
  for (const match of xml.matchAll(pattern)) tags.push(match[0]);
  return tags;
}

/** The namespace prefix (with its colon, or "") of the document's root element, e.g. `x:` for `<x:worksheet>`. */
export function rootPrefix(xml: string, local: string): string | null {
  const match = new RegExp(`<([\\w.-]+:)?${local}[\\s>/]`).exec(xml);
  return match === null ? null : (match[1] ?? '');
}

/**
 * The text of a rich-text container (`<si>` or `<is>`): every `<t>` concatenated, in order, the
 * runs' `<t>` included, and the phonetic runs (`<rPh>`, furigana/pinyin guides) left out, as
 * Excel shows the cell. `prefix` is the namespace prefix of the spreadsheetml elements.
 * @example textOfRuns('<r><t>中国</t></r><r><t>电信</t></r>', '') // '中国电信'
 */
export function textOfRuns(xml: string, prefix: string): string {
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const phonetic = `<${prefix}rPh`;
  const phoneticEnd = `</${prefix}rPh>`;
  let text = '';
  let at = 0;
  for (;;) {
    const start = xml.indexOf(open, at);
    if (start < 0) break;
    const next = xml.charCodeAt(start + open.length);
    // `<t>`, `<t xml:space="preserve">`, `<t/>`; not `<tx…>`.
    if (next !== 0x3e && next !== 0x20 && next !== 0x2f && next !== 0x09 && next !== 0x0a && next !== 0x0d) {
      at = start + open.length;
      continue;
    }
    const skip = xml.lastIndexOf(phonetic, start);
    if (skip >= at && xml.indexOf(phoneticEnd, skip) > start) {
      const end = xml.indexOf(phoneticEnd, skip);
      at = end + phoneticEnd.length;
      continue;
    }
    const gt = xml.indexOf('>', start);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 0x2f /* / */) {
      at = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0) break;
    text += decodeCellText(xml.slice(gt + 1, end));
    at = end + close.length;
  }
  return text;
}
