/** Punctuation, symbols and spaces: what a near-duplicate's name may differ by. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;
/** Suffixes a near-duplicate's name may add or drop, longest first. */
const SUFFIXES = ['有限责任公司', '股份有限公司', '有限公司', '项目'] as const;

/**
 * The key under which two project names are near-duplicates: the normalised name (`ProjectRow.nameKey`) without
 * punctuation, symbols or spaces, and without trailing 项目 / 有限公司 suffixes. Names with the same loose key but
 * different name keys are never merged, only reported (`near_duplicate`).
 * @example looseNameKey('华能大连电厂(二期)项目') // → '华能大连电厂二期'
 */
export function looseNameKey(nameKey: string): string {
  // Performance: most names are CJK ideographs, letters and digits without a suffix; they are their own key.
  if (isPlain(nameKey)) return nameKey;
  let key = nameKey.replace(PUNCTUATION, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return key;
}

/** Only CJK ideographs, ASCII letters and digits, and no suffix at the end. */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    return false;
  }
  return !SUFFIXES.some((suffix) => text.endsWith(suffix));
}
