import type { PlanStyle } from '../../domain';
import { escapeXml, xmlAttributes } from './xmlText';

/** The look of one written cell: a plan style, a number format, and whether it is a link. */
export interface CellLook {
  readonly style: PlanStyle;
  readonly numberFormat: string | null;
  readonly isLink: boolean;
}

/** A minimal `xl/styles.xml` for a package that has none (one font, the two required fills, one border, one xf). */
export const MINIMAL_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Child lists of `<styleSheet>`, in schema order. */
const SECTIONS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type Section = (typeof SECTIONS)[number];
const CHILD: Partial<Record<Section, string>> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };
/** The first custom number format id (ids below are Excel's built-in formats). */
const FIRST_CUSTOM_NUMFMT = 164;
const LINK_COLOR = 'FF0563C1';

const argb = (hex: string): string => `FF${hex.replace(/^#/, '').toUpperCase()}`;

/** The element `<name …>…</name>` or `<name …/>` of `xml`, or `null`. */
function findSection(xml: string, name: Section): { start: number; end: number; open: string; body: string; selfClosing: boolean } | null {
  const match = new RegExp(`<${name}(\\s[^>]*?)?(/?)>`).exec(xml);
  if (match === null) return null;
  const start = match.index;
  if (match[2] === '/') return { start, end: start + match[0].length, open: match[0], body: '', selfClosing: true };
  const close = xml.indexOf(`</${name}>`, start);
  if (close < 0) return null;
  return { start, end: close + name.length + 3, open: match[0], body: xml.slice(start + match[0].length, close), selfClosing: false };
}

/** Count the direct children named `child` in a section's body (the lists hold no nested same-named elements). */
function countChildren(body: string, child: string): number {
  return (body.match(new RegExp(`<${child}[\\s/>]`, 'g')) ?? []).length;
}

/**
 * The workbook's `xl/styles.xml`, extended with the cell formats the owned sheets need. Existing
 * fonts, fills, borders, number formats, cell formats and differential formats keep their
 * indexes: new entries are only appended, so every user cell keeps its look.
 */
export class StyleBook {
  private readonly added: Record<'numFmts' | 'fonts' | 'fills' | 'cellXfs' | 'dxfs', string[]> = { numFmts: [], fonts: [], fills: [], cellXfs: [], dxfs: [] };
  private readonly base: Record<'fonts' | 'fills' | 'cellXfs' | 'dxfs', number>;
  private readonly numFmtIds = new Map<string, number>();
  private nextNumFmtId: number;
  private readonly fontIds = new Map<string, number>();
  private readonly fillIds = new Map<string, number>();
  private readonly xfIds = new Map<string, number>();
  private readonly byStyle = new WeakMap<PlanStyle, Map<string, number>>();
  private readonly dxfIds = new Map<string, number>();
  private readonly defaultFont: { name: string; size: string };

  constructor(private readonly xml: string) {
    const body = (name: Section): string => findSection(xml, name)?.body ?? '';
    this.base = {
      fonts: countChildren(body('fonts'), 'font'),
      fills: countChildren(body('fills'), 'fill'),
      cellXfs: countChildren(body('cellXfs'), 'xf'),
      dxfs: countChildren(body('dxfs'), 'dxf'),
    };
    let maxId = FIRST_CUSTOM_NUMFMT - 1;
    for (const tag of body('numFmts').match(/<numFmt\s[^>]*>/g) ?? []) {
      const attrs = xmlAttributes(tag);
      const id = Number(attrs.numFmtId);
      if (!Number.isInteger(id)) continue;
      maxId = Math.max(maxId, id);
      if (attrs.formatCode !== undefined && !this.numFmtIds.has(attrs.formatCode)) this.numFmtIds.set(attrs.formatCode, id);
    }
    this.nextNumFmtId = maxId + 1;
    const firstFont = /<font[\s>][\s\S]*?<\/font>/.exec(body('fonts'))?.[0] ?? '';
    this.defaultFont = {
      name: xmlAttributes(/<name\s[^>]*>/.exec(firstFont)?.[0] ?? '').val ?? 'Calibri',
      size: xmlAttributes(/<sz\s[^>]*>/.exec(firstFont)?.[0] ?? '').val ?? '11',
    };
    // Differential formats already there (e.g. from the last refresh) are reused when identical.
    (body('dxfs').match(/<dxf>[\s\S]*?<\/dxf>|<dxf\/>/g) ?? []).forEach((dxf, i) => {
      if (!this.dxfIds.has(dxf)) this.dxfIds.set(dxf, i);
    });
  }

  /** The cell format index (`s` attribute) for a look; 0 for the plain default. */
  xfIndex(look: CellLook): number {
    const { style, numberFormat, isLink } = look;
    // Cells of one look share a style object (see plannedCells): find its index by identity first.
    const byFormat = this.byStyle.get(style);
    const cacheKey = `${numberFormat ?? ''}\u0000${isLink ? 1 : 0}`;
    const cached = byFormat?.get(cacheKey);
    if (cached !== undefined) return cached;
    const index = this.xfIndexOf(look);
    if (byFormat === undefined) this.byStyle.set(style, new Map([[cacheKey, index]]));
    else byFormat.set(cacheKey, index);
    return index;
  }

  private xfIndexOf(look: CellLook): number {
    const { style, numberFormat, isLink } = look;
    const key = JSON.stringify([style.bold, style.fill, style.fontColor, style.fontSize, style.horizontalAlignment, style.verticalAlignment, style.wrapText, numberFormat, isLink]);
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const numFmtId = numberFormat === null || numberFormat === 'General' ? 0 : this.numFmtId(numberFormat);
    const hasFont = style.bold !== undefined || style.fontColor !== undefined || style.fontSize !== undefined || isLink;
    const fontId = hasFont ? this.fontId(style, isLink) : 0;
    const fillId = style.fill === undefined ? 0 : this.fillId(style.fill);
    const alignment =
      style.horizontalAlignment !== undefined || style.verticalAlignment !== undefined || style.wrapText === true
        ? `<alignment${style.horizontalAlignment === undefined ? '' : ` horizontal="${style.horizontalAlignment}"`}${style.verticalAlignment === undefined ? '' : ` vertical="${style.verticalAlignment}"`}${style.wrapText === true ? ' wrapText="1"' : ''}/>`
        : '';
    if (numFmtId === 0 && fontId === 0 && fillId === 0 && alignment === '') return 0;
    const applies = `${numFmtId === 0 ? '' : ' applyNumberFormat="1"'}${fontId === 0 ? '' : ' applyFont="1"'}${fillId === 0 ? '' : ' applyFill="1"'}${alignment === '' ? '' : ' applyAlignment="1"'}`;
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}${alignment === '' ? '/>' : `>${alignment}</xf>`}`;
    const index = this.base.cellXfs + this.added.cellXfs.length;
    this.added.cellXfs.push(xf);
    this.xfIds.set(key, index);
    return index;
  }

  /** The differential format index (`dxfId`) of a solid background fill, for a conditional format. */
  fillDxfIndex(hex: string): number {
    const dxf = `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(hex)}"/></patternFill></fill></dxf>`;
    const known = this.dxfIds.get(dxf);
    if (known !== undefined) return known;
    const index = this.base.dxfs + this.added.dxfs.length;
    this.added.dxfs.push(dxf);
    this.dxfIds.set(dxf, index);
    return index;
  }

  /** The extended `styles.xml`: every original byte kept, new entries appended to their lists and counts updated. */
  toXml(): string {
    let xml = this.xml;
    for (const name of ['numFmts', 'fonts', 'fills', 'cellXfs', 'dxfs'] as const) {
      const items = this.added[name];
      if (items.length === 0) continue;
      xml = appendToSection(xml, name, items);
    }
    return xml;
  }

  private numFmtId(code: string): number {
    const known = this.numFmtIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.added.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    this.numFmtIds.set(code, id);
    return id;
  }

  private fontId(style: PlanStyle, isLink: boolean): number {
    const color = isLink ? LINK_COLOR : style.fontColor === undefined ? null : argb(style.fontColor);
    const font =
      `<font>${style.bold === true ? '<b/>' : ''}${isLink ? '<u/>' : ''}<sz val="${style.fontSize ?? this.defaultFont.size}"/>` +
      `${color === null ? '' : `<color rgb="${color}"/>`}<name val="${escapeXml(this.defaultFont.name)}"/></font>`;
    const known = this.fontIds.get(font);
    if (known !== undefined) return known;
    const index = this.base.fonts + this.added.fonts.length;
    this.added.fonts.push(font);
    this.fontIds.set(font, index);
    return index;
  }

  private fillId(hex: string): number {
    const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/><bgColor indexed="64"/></patternFill></fill>`;
    const known = this.fillIds.get(fill);
    if (known !== undefined) return known;
    const index = this.base.fills + this.added.fills.length;
    this.added.fills.push(fill);
    this.fillIds.set(fill, index);
    return index;
  }
}

/** Append children to a `<styleSheet>` list, creating the list at its schema position when absent. */
function appendToSection(xml: string, name: Section, items: readonly string[]): string {
  const child = CHILD[name] ?? '';
  const section = findSection(xml, name);
  if (section !== null) {
    const count = countChildren(section.body, child) + items.length;
    const attrs = section.open.replace(/^<\w+/, '').replace(/\/?>$/, '').replace(/\s+count\s*=\s*("[^"]*"|'[^']*')/, '');
    return `${xml.slice(0, section.start)}<${name}${attrs} count="${count}">${section.body}${items.join('')}</${name}>${xml.slice(section.end)}`;
  }
  const list = `<${name} count="${items.length}">${items.join('')}</${name}>`;
  const later = SECTIONS.slice(SECTIONS.indexOf(name) + 1);
  for (const next of later) {
    const at = findSection(xml, next);
    if (at !== null) return `${xml.slice(0, at.start)}${list}${xml.slice(at.start)}`;
  }
  const close = xml.lastIndexOf('</styleSheet>');
  return close < 0 ? xml : `${xml.slice(0, close)}${list}${xml.slice(close)}`;
}
