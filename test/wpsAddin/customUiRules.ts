/**
 * The CustomUI schema's rules for the elements `wps/ribbon.xml` may use, transcribed by name from Microsoft's
 * `customUI.xsd` (Office 2007 Ribbon Extensibility, namespace http://schemas.microsoft.com/office/2006/01/customui;
 * read in fernandreu/office-ribbonx-editor at src/OfficeRibbonXEditor/Resources/Schemas/customUI.xsd). The schema is
 * "Copyright (c) Microsoft Corporation. All rights reserved.", so it is not copied into this repository: this table
 * names its types, attribute groups and occurrence limits instead, and `customUiXsd.ts` derives the same table from
 * the schema file when one is at hand (`ribbon.test.ts`, CUSTOMUI_XSD). It is the namespace WPS's own templates
 * declare (wpsjs@2.2.2 packages/@wps-jsapi/et/ribbon.xml).
 *
 * Elements the schema allows but this table does not model (menus, galleries, the QAT, …) are reported by the check
 * as not modelled: add their type here (and compare with the schema) before using them in ribbon.xml.
 */

/** The schema's simple types that the modelled elements' attributes use. */
export type AttributeType =
  | 'ST_UniqueID'
  | 'ST_QID'
  | 'ST_ID'
  | 'ST_String'
  | 'ST_LongString'
  | 'ST_Uri'
  | 'ST_Delegate'
  | 'ST_Size'
  | 'ST_Keytip'
  | 'xsd:boolean';

/** One particle of a content model: any of `elements` (name → complex type), between `min` and `max` times. */
export interface Particle {
  readonly elements: Readonly<Record<string, string>>;
  readonly min: number;
  readonly max: number;
}

/** A complex type: its attributes and its children (`sequence`: particles in order; `all`: any order). */
export interface ComplexTypeRule {
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly content: { readonly kind: 'sequence' | 'all'; readonly particles: readonly Particle[] };
}

/** The CustomUI namespace of Office 2007 (customUI.xsd's targetNamespace). */
export const CUSTOMUI_NAMESPACE = 'http://schemas.microsoft.com/office/2006/01/customui';

/** The root element and its type (customUI.xsd: `<xsd:element name="customUI" type="CT_CustomUI">`). */
export const ROOT = { name: 'customUI', type: 'CT_CustomUI' } as const;

// Attribute groups (AG_*) as customUI.xsd defines them.
const AG_IDCustom = { id: 'ST_UniqueID', idQ: 'ST_QID' } as const;
const AG_IDMso = { idMso: 'ST_ID' } as const;
const AG_Tag = { tag: 'ST_String' } as const;
const AG_IDAttributes = { ...AG_IDCustom, ...AG_IDMso, ...AG_Tag } as const;
const AG_Image = { image: 'ST_Uri', imageMso: 'ST_ID', getImage: 'ST_Delegate' } as const;
const AG_Enabled = { enabled: 'xsd:boolean', getEnabled: 'ST_Delegate' } as const;
const AG_PositionAttributes = { insertAfterMso: 'ST_ID', insertBeforeMso: 'ST_ID', insertAfterQ: 'ST_QID', insertBeforeQ: 'ST_QID' } as const;
const AG_Visible = { visible: 'xsd:boolean', getVisible: 'ST_Delegate' } as const;
const AG_Label = { label: 'ST_String', getLabel: 'ST_Delegate' } as const;
const AG_Keytip = { keytip: 'ST_Keytip', getKeytip: 'ST_Delegate' } as const;
const AG_Screentip = { screentip: 'ST_String', getScreentip: 'ST_Delegate', supertip: 'ST_String', getSupertip: 'ST_Delegate' } as const;
const AG_Description = { description: 'ST_LongString', getDescription: 'ST_Delegate' } as const;
const AG_UIAttributes = { ...AG_Enabled, ...AG_Label, ...AG_PositionAttributes, ...AG_Visible, ...AG_Keytip } as const;
const AG_ItemAttributes = { ...AG_Image, ...AG_Screentip, ...AG_UIAttributes } as const;
const AG_ControlAttributes = {
  ...AG_ItemAttributes,
  showLabel: 'xsd:boolean',
  getShowLabel: 'ST_Delegate',
  showImage: 'xsd:boolean',
  getShowImage: 'ST_Delegate',
} as const;
const AG_Action = { onAction: 'ST_Delegate' } as const;
const AG_SizeAttributes = { size: 'ST_Size', getSize: 'ST_Delegate' } as const;

/** EG_Controls: the controls a group (or a box) may hold, by element name → type. */
const EG_Controls: Readonly<Record<string, string>> = {
  control: 'CT_ControlClone',
  labelControl: 'CT_LabelControl',
  button: 'CT_Button',
  toggleButton: 'CT_ToggleButton',
  checkBox: 'CT_CheckBox',
  editBox: 'CT_EditBox',
  comboBox: 'CT_ComboBox',
  dropDown: 'CT_DropDownRegular',
  gallery: 'CT_Gallery',
  menu: 'CT_Menu',
  dynamicMenu: 'CT_DynamicMenu',
  splitButton: 'CT_SplitButton',
  box: 'CT_Box',
  buttonGroup: 'CT_ButtonGroup',
};

/** The modelled complex types. */
export const COMPLEX_TYPES: Readonly<Record<string, ComplexTypeRule>> = {
  CT_CustomUI: {
    attributes: { onLoad: 'ST_Delegate', loadImage: 'ST_Delegate' },
    content: {
      kind: 'sequence',
      particles: [
        { elements: { commands: 'CT_Commands' }, min: 0, max: 1 },
        { elements: { ribbon: 'CT_Ribbon' }, min: 0, max: 1 },
      ],
    },
  },
  CT_Ribbon: {
    attributes: { startFromScratch: 'xsd:boolean' },
    content: {
      kind: 'all',
      particles: [
        { elements: { officeMenu: 'CT_OfficeMenu' }, min: 0, max: 1 },
        { elements: { qat: 'CT_Qat' }, min: 0, max: 1 },
        { elements: { tabs: 'CT_Tabs' }, min: 0, max: 1 },
        { elements: { contextualTabs: 'CT_ContextualTabs' }, min: 0, max: 1 },
      ],
    },
  },
  CT_Tabs: { attributes: {}, content: { kind: 'sequence', particles: [{ elements: { tab: 'CT_Tab' }, min: 1, max: 100 }] } },
  CT_Tab: {
    attributes: { ...AG_IDAttributes, ...AG_Label, ...AG_PositionAttributes, ...AG_Visible, ...AG_Keytip },
    content: { kind: 'sequence', particles: [{ elements: { group: 'CT_Group' }, min: 0, max: 100 }] },
  },
  CT_Group: {
    attributes: { ...AG_IDAttributes, ...AG_Label, ...AG_Image, ...AG_PositionAttributes, ...AG_Screentip, ...AG_Visible, ...AG_Keytip },
    content: {
      kind: 'sequence',
      particles: [
        { elements: { ...EG_Controls, separator: 'CT_Separator' }, min: 0, max: 1000 },
        { elements: { dialogBoxLauncher: 'CT_DialogLauncher' }, min: 0, max: 1 },
      ],
    },
  },
  // CT_Button extends CT_ButtonRegular (CT_Control + AG_Action, AG_Enabled, AG_Description, AG_Image) with AG_SizeAttributes;
  // CT_Control is CT_ControlBase (AG_ControlAttributes) + AG_IDAttributes.
  CT_Button: {
    attributes: { ...AG_ControlAttributes, ...AG_IDAttributes, ...AG_Action, ...AG_Enabled, ...AG_Description, ...AG_Image, ...AG_SizeAttributes },
    content: { kind: 'sequence', particles: [] },
  },
  CT_Separator: { attributes: { ...AG_IDCustom, ...AG_Visible, ...AG_PositionAttributes }, content: { kind: 'sequence', particles: [] } },
};

/**
 * Rules the schema states in its documentation rather than in its grammar (customUI.xsd's annotations):
 * AG_IDAttributes "One of id, idMso, or idQ must be specified to identify a control"; AG_Image "only one of image,
 * imageMso, or getImage may be specified"; AG_PositionAttributes: the four insert attributes are mutually exclusive.
 */
export const DOCUMENTED_RULES = {
  oneIdOf: ['id', 'idMso', 'idQ'],
  exclusive: [
    ['image', 'imageMso', 'getImage'],
    ['insertAfterMso', 'insertBeforeMso', 'insertAfterQ', 'insertBeforeQ'],
  ],
} as const;

/** Length limits of the simple types (customUI.xsd: minLength/maxLength of each restriction). */
export const LENGTH_LIMITS: Readonly<Record<AttributeType, readonly [number, number] | null>> = {
  ST_UniqueID: [1, 1024],
  ST_QID: [1, 1024],
  ST_ID: [1, 1024],
  ST_String: [1, 1024],
  ST_LongString: [1, 4096],
  ST_Uri: [1, 1024],
  ST_Delegate: [1, 1024],
  ST_Keytip: [1, 3],
  ST_Size: null,
  'xsd:boolean': null,
};
