/**
 * wps/ribbon.xml against the CustomUI schema rules (customUiRules.ts) and what WPS asks on top; every rule is shown
 * to bite on a ribbon broken in one place.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import '../../src/wpsAddin/main'; // defines the ribbon's callbacks as globals
import { PANE_BUTTON_ID, REFRESH_BUTTON_ID } from '../../src/wpsAddin/main';
import { checkRibbon } from './checkRibbon';
import { COMPLEX_TYPES, CUSTOMUI_NAMESPACE, LENGTH_LIMITS, ROOT, type AttributeType } from './customUiRules';
import { deriveCustomUiSchema } from './customUiXsd';

const ribbon = readFileSync(join(__dirname, '..', '..', 'wps', 'ribbon.xml'), 'utf8');

/** A global function of the page that returns synchronously (no async function: see src/wpsAddin/main.ts). */
const isSyncGlobal = (name: string): boolean => {
  const value = (globalThis as Record<string, unknown>)[name];
  return typeof value === 'function' && value.constructor.name !== 'AsyncFunction';
};

/** `ribbon` with `from` replaced by `to` (which must occur once, so a mutation cannot miss). */
const mutate = (from: string, to: string): string => {
  expect(ribbon.split(from)).toHaveLength(2);
  return ribbon.replace(from, to);
};

const refreshButton = `<button id="${REFRESH_BUTTON_ID}"`;

describe('wps/ribbon.xml', () => {
  it('passes every rule, with its two buttons wired to the page', () => {
    expect(checkRibbon(ribbon, isSyncGlobal)).toEqual([]);
    expect(ribbon).toContain(`${refreshButton} label="刷新汇总"`);
    expect(ribbon).toContain(`<button id="${PANE_BUTTON_ID}" label="台账统计"`);
  });

  it.each([
    ['an XML declaration', mutate('<customUI', '<?xml version="1.0" encoding="UTF-8"?>\n<customUI'), 'has an <?xml?> declaration'],
    ['another root', ribbon.replace(/customUI/g, 'customUi'), 'the root must be one <customUI>'],
    ['the 2009 namespace', mutate('2006/01/customui', '2009/07/customui'), `must declare xmlns="${CUSTOMUI_NAMESPACE}"`],
    ['not well-formed', mutate('</group>', '</grup>'), 'not well-formed'],
    ['an unknown attribute', mutate(refreshButton, `${refreshButton} onClick="OnAction"`), 'attribute onClick is not allowed on <button>'],
    ['a duplicate id', mutate(`id="${PANE_BUTTON_ID}"`, `id="${REFRESH_BUTTON_ID}"`), `id "${REFRESH_BUTTON_ID}" is used 2 times`],
    ['an id that is no NCName', mutate(`id="${REFRESH_BUTTON_ID}"`, 'id="1 refresh"'), 'ST_UniqueID "1 refresh" is not an NCName'],
    ['a label over 1024 characters', mutate('label="刷新汇总"', `label="${'刷'.repeat(1025)}"`), 'label: ST_String length 1025 is outside 1–1024'],
    ['an empty label', mutate('label="刷新汇总"', 'label=""'), 'label: ST_String length 0 is outside 1–1024'],
    ['a callback the page lacks', mutate('onLoad="OnAddinLoad"', 'onLoad="OnRibbonLoad"'), 'onLoad="OnRibbonLoad" names no global function'],
    ['a size outside the enumeration', mutate(`${refreshButton} label="刷新汇总" screentip="按台账刷新汇总表和图表" onAction="OnAction" visible="true" size="large"`, `${refreshButton} label="刷新汇总" onAction="OnAction" size="huge"`), 'ST_Size "huge" is not normal or large'],
    ['a boolean written as yes', mutate('startFromScratch="false"', 'startFromScratch="yes"'), 'xsd:boolean "yes" is not true, false, 1 or 0'],
    ['no tab in tabs', ribbon.replace(/<tab id[\s\S]*<\/tab>/, ''), 'needs at least 1 <tab>, has 0'],
    ['a button straight in a tab', mutate('<group id="ledgerStatsGroup" label="台账统计">', '<button id="stray" label="x"/><group id="ledgerStatsGroup" label="台账统计">'), '<button> is not allowed here'],
    ['commands after the ribbon', mutate('</ribbon>', '</ribbon><commands/>'), '<commands> is not allowed here (out of order)'],
    ['a button without an id', mutate(`${refreshButton} `, '<button '), 'needs exactly one of id, idMso, idQ, has 0'],
    ['two images', mutate(refreshButton, `${refreshButton} image="a.png" imageMso="Refresh"`), 'image and imageMso exclude each other'],
    ['text in a group', mutate('</group>', '刷新</group>'), 'text is not allowed in <group>'],
    ['an element outside the model', mutate('</group>', '<menu id="more" label="更多"/></group>'), 'type CT_Menu is allowed by customUI.xsd but not modelled'],
  ])('fails with %s', (_case, broken, problem) => {
    const problems = checkRibbon(broken, isSyncGlobal);
    expect(problems.join('\n')).toContain(problem);
  });

  it('fails when a callback is an async function', () => {
    (globalThis as Record<string, unknown>).OnAsyncAction = async (): Promise<boolean> => true;
    try {
      expect(checkRibbon(mutate('onAction="OnAction" visible="true" size="large"/>\n          <button', 'onAction="OnAsyncAction" visible="true" size="large"/>\n          <button'), isSyncGlobal)).toEqual([
        `customUI/ribbon/tabs/tab/group/button#${REFRESH_BUTTON_ID}: onAction="OnAsyncAction" names no global function of the page`,
      ]);
    } finally {
      delete (globalThis as Record<string, unknown>).OnAsyncAction;
    }
  });
});

// customUiRules.ts transcribes Microsoft's customUI.xsd, which may not be redistributed. Where a copy is at hand
// (e.g. the Custom UI Editor's src/OfficeRibbonXEditor/Resources/Schemas/customUI.xsd), point CUSTOMUI_XSD at it.
const xsdPath = process.env.CUSTOMUI_XSD;
(xsdPath === undefined ? describe.skip : describe)('customUiRules.ts against customUI.xsd (CUSTOMUI_XSD)', () => {
  const schema = () => deriveCustomUiSchema(readFileSync(xsdPath ?? '', 'utf8'));

  it('has the schema namespace and root', () => {
    expect(schema().targetNamespace).toBe(CUSTOMUI_NAMESPACE);
    expect(schema().rootType(ROOT.name)).toBe(ROOT.type);
  });

  it.each(Object.keys(COMPLEX_TYPES))('models %s as the schema does', (type) => {
    const derived = schema().complexType(type);
    const table = COMPLEX_TYPES[type]!;
    expect(Object.entries(derived.attributes).sort()).toEqual(Object.entries(table.attributes).sort());
    expect(derived.content).toEqual(table.content);
  });

  it.each(Object.keys(LENGTH_LIMITS).filter((type) => type.startsWith('ST_')))('has the length limits of %s', (type) => {
    expect(schema().lengthLimits(type)).toEqual(LENGTH_LIMITS[type as AttributeType]);
  });
});
