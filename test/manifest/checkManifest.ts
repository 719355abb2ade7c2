// Offline checker for the add-in-only (XML) manifest. `office-addin-manifest validate` needs the
// network, so this checks the rules we can verify locally: well-formed XML, XSD element order,
// resource ids, en-US overrides, and that every icon/page URL is served from the expected base
// URL (and exists in dist/ after a build).
import * as fs from "node:fs";
import * as path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Codes of the problems checkManifest reports. */
export type ManifestProblemCode =
  | "XML_MALFORMED"
  | "WRONG_ROOT"
  | "MISSING_ELEMENT"
  | "UNKNOWN_ELEMENT"
  | "ELEMENT_ORDER"
  | "DUPLICATE_ELEMENT"
  | "INVALID_VALUE"
  | "MISSING_DEFAULT_VALUE"
  | "MISSING_OVERRIDE"
  | "VALUE_TOO_LONG"
  | "ID_TOO_LONG"
  | "DUPLICATE_ID"
  | "UNDEFINED_RESID"
  | "RESID_WRONG_KIND"
  | "URL_NOT_UNDER_BASE"
  | "FILE_MISSING";

/** One finding of checkManifest. */
export interface ManifestProblem {
  code: ManifestProblemCode;
  message: string;
}

/** Options of checkManifest. */
export interface CheckManifestOptions {
  /** Every icon and page URL must start with this (a trailing slash is added if missing). */
  baseUrl: string;
  /** When given, every icon and page URL must point at an existing file below this folder. */
  distDir?: string;
}

/** Result of checkManifest: ok is true when there are no problems. */
export interface CheckManifestResult {
  ok: boolean;
  problems: ManifestProblem[];
}

/** A parsed element; names are local names (namespace prefixes removed). */
interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  text: string;
  /** Readable location such as OfficeApp/VersionOverrides/Resources/ShortStrings/String[@id=x]. */
  where: string;
}

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

/** Children of OfficeApp (TaskPaneApp) in XSD order. */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const OFFICE_APP_REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "Hosts", "DefaultSettings", "Permissions"];
/** Children of VersionOverrides whose order is checked (others, e.g. WebApplicationInfo, are ignored). */
const VERSION_OVERRIDES_ORDER = ["Description", "Requirements", "Hosts", "Resources"];
const RESOURCES_ORDER = ["Images", "Urls", "ShortStrings", "LongStrings"];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const OVERRIDE_LOCALE = "en-US";
/** XSD limits: resource ids and resids (ST_ResId), short and long strings. */
const MAX_ID_LENGTH = 32;
const MAX_LENGTH: Readonly<Record<"ShortString" | "LongString", number>> = { ShortString: 125, LongString: 250 };
/** Elements outside Resources whose id must be unique within a Host. */
const UI_ID_ELEMENTS = new Set(["CustomTab", "Group", "Control", "Item", "Menu"]);

/**
 * Checks an add-in-only XML manifest offline. Reports malformed XML (with line and column),
 * missing or out-of-order elements, undefined or mistyped resids, resource strings without a
 * DefaultValue or an en-US Override, duplicate ids, and icon/page URLs that do not start with
 * `opts.baseUrl` or (when `opts.distDir` is given) do not point at a file in that folder.
 */
export function checkManifest(xmlText: string, opts: CheckManifestOptions): CheckManifestResult {
  const problems: ManifestProblem[] = [];
  const report = (code: ManifestProblemCode, message: string): void => {
    problems.push({ code, message });
  };
  const done = (): CheckManifestResult => ({ ok: problems.length === 0, problems });

  const syntaxError = findSyntaxError(xmlText);
  if (syntaxError !== null) {
    report("XML_MALFORMED", syntaxError);
    return done();
  }

  const root = parse(xmlText).find((element) => element.name === "OfficeApp");
  if (root === undefined) {
    report("WRONG_ROOT", "The root element must be OfficeApp.");
    return done();
  }
  if (root.attrs["type"] !== "TaskPaneApp") {
    report("INVALID_VALUE", `OfficeApp xsi:type must be TaskPaneApp, found "${root.attrs["type"] ?? ""}".`);
  }

  checkOrder(root, OFFICE_APP_ORDER, true, report);
  for (const name of OFFICE_APP_REQUIRED) {
    if (child(root, name) === undefined) report("MISSING_ELEMENT", `OfficeApp has no ${name} element.`);
  }
  const defaultSettings = child(root, "DefaultSettings");
  if (defaultSettings !== undefined && child(defaultSettings, "SourceLocation") === undefined) {
    report("MISSING_ELEMENT", "DefaultSettings has no SourceLocation element.");
  }
  checkBasicValues(root, report);

  const urls: { where: string; url: string }[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    const element = child(root, name);
    if (element !== undefined) urls.push(...urlsOf(element));
  }
  const sourceLocation = defaultSettings === undefined ? undefined : child(defaultSettings, "SourceLocation");
  if (sourceLocation !== undefined) urls.push(...urlsOf(sourceLocation));

  for (const scope of versionOverridesScopes(root)) {
    urls.push(...checkVersionOverrides(scope, report));
  }

  const baseUrl = opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`;
  for (const { where, url } of urls) {
    if (!url.startsWith(baseUrl)) {
      report("URL_NOT_UNDER_BASE", `${where}: "${url}" does not start with ${baseUrl}.`);
    } else if (opts.distDir !== undefined) {
      const problem = missingFile(url.slice(baseUrl.length), opts.distDir);
      if (problem !== null) report("FILE_MISSING", `${where}: "${url}" ${problem}`);
    }
  }
  return done();
}

/** Well-formedness, with line and column; null when the XML is well formed. */
function findSyntaxError(xmlText: string): string | null {
  // XMLValidator accepts "--" inside comments; XML 1.0 does not (and Office rejects it).
  const comment = /<!--([\s\S]*?)-->/g;
  for (let match = comment.exec(xmlText); match !== null; match = comment.exec(xmlText)) {
    const body = match[1] ?? "";
    const bad = body.indexOf("--");
    if (bad !== -1 || body.endsWith("-")) {
      const { line, col } = lineAndColumn(xmlText, match.index + 4 + (bad === -1 ? body.length - 1 : bad));
      return `"--" is not allowed inside a comment (line ${line}, column ${col}).`;
    }
  }
  const result = XMLValidator.validate(xmlText, { allowBooleanAttributes: false });
  if (result === true) return null;
  return `${result.err.msg.replace(/\.$/, "")} (line ${result.err.line}, column ${result.err.col}).`;
}

/** 1-based line and column of a string offset. */
function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: (before[before.length - 1] ?? "").length + 1 };
}

/** Parses XML into XmlElements (local names, attributes as strings, comments dropped). */
function parse(xmlText: string): XmlElement[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  return toElements(parser.parse(xmlText) as unknown, "").children;
}

/** Converts fast-xml-parser's preserveOrder output into XmlElements. */
function toElements(nodes: unknown, parentWhere: string): { children: XmlElement[]; text: string } {
  const children: XmlElement[] = [];
  let text = "";
  if (!Array.isArray(nodes)) return { children, text };
  for (const node of nodes as unknown[]) {
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === ":@" || key.startsWith("?")) continue;
      if (key === "#text") {
        text += String(value);
        continue;
      }
      const attrs: Record<string, string> = {};
      const rawAttrs = record[":@"];
      if (typeof rawAttrs === "object" && rawAttrs !== null) {
        for (const [attr, attrValue] of Object.entries(rawAttrs as Record<string, unknown>)) attrs[attr] = String(attrValue);
      }
      const id = attrs["id"];
      const where = `${parentWhere === "" ? "" : `${parentWhere}/`}${key}${id === undefined ? "" : `[@id=${id}]`}`;
      const inner = toElements(value, where);
      children.push({ name: key, attrs, children: inner.children, text: inner.text.trim(), where });
    }
  }
  return { children, text };
}

/** First child with the given local name. */
function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/** Checks that the children listed in `order` appear in that order and at most once. */
function checkOrder(
  parent: XmlElement,
  order: readonly string[],
  unknownIsProblem: boolean,
  report: (code: ManifestProblemCode, message: string) => void,
): void {
  let lastIndex = -1;
  let lastName = "";
  for (const element of parent.children) {
    const index = order.indexOf(element.name);
    if (index === -1) {
      if (unknownIsProblem) report("UNKNOWN_ELEMENT", `${element.where} is not a known child of ${parent.name}.`);
      continue;
    }
    if (index === lastIndex) {
      report("DUPLICATE_ELEMENT", `${parent.where} has more than one ${element.name} element.`);
    } else if (index < lastIndex) {
      report("ELEMENT_ORDER", `${element.where} must come before ${lastName} (schema order: ${order.join(", ")}).`);
    } else {
      lastIndex = index;
      lastName = element.name;
    }
  }
}

/** Id, Version, Permissions and the localised DisplayName/Description of OfficeApp. */
function checkBasicValues(root: XmlElement, report: (code: ManifestProblemCode, message: string) => void): void {
  const id = child(root, "Id");
  if (id !== undefined && !GUID.test(id.text)) report("INVALID_VALUE", `Id must be a GUID, found "${id.text}".`);
  const version = child(root, "Version");
  if (version !== undefined && !VERSION.test(version.text)) {
    report("INVALID_VALUE", `Version must look like n.n.n.n, found "${version.text}".`);
  }
  const permissions = child(root, "Permissions");
  if (permissions !== undefined && !PERMISSIONS.includes(permissions.text)) {
    report("INVALID_VALUE", `Permissions must be one of ${PERMISSIONS.join(", ")}, found "${permissions.text}".`);
  }
  const defaultLocale = child(root, "DefaultLocale")?.text ?? "";
  for (const name of ["DisplayName", "Description"]) {
    const element = child(root, name);
    if (element === undefined) continue;
    if ((element.attrs["DefaultValue"] ?? "").trim() === "") {
      report("MISSING_DEFAULT_VALUE", `${element.where} has no DefaultValue.`);
    }
    if (!sameLocale(defaultLocale, OVERRIDE_LOCALE) && !hasOverride(element, OVERRIDE_LOCALE)) {
      report("MISSING_OVERRIDE", `${element.where} has no ${OVERRIDE_LOCALE} Override.`);
    }
  }
}

/** Locale names compare case-insensitively. */
function sameLocale(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when the element has an Override for the locale with a non-empty Value. */
function hasOverride(element: XmlElement, locale: string): boolean {
  return element.children.some(
    (candidate) => candidate.name === "Override" && sameLocale(candidate.attrs["Locale"] ?? "", locale) && (candidate.attrs["Value"] ?? "").trim() !== "",
  );
}

/** The DefaultValue and every Override Value of an element, as URLs to check. */
function urlsOf(element: XmlElement): { where: string; url: string }[] {
  const found: { where: string; url: string }[] = [];
  const defaultValue = element.attrs["DefaultValue"];
  if (defaultValue !== undefined) found.push({ where: element.where, url: defaultValue });
  for (const override of element.children) {
    const value = override.attrs["Value"];
    if (override.name === "Override" && value !== undefined) {
      found.push({ where: `${element.where}/Override[${override.attrs["Locale"] ?? "?"}]`, url: value });
    }
  }
  return found;
}

/** Every VersionOverrides element (the top one and nested ones), each checked on its own. */
function versionOverridesScopes(root: XmlElement): XmlElement[] {
  const scopes: XmlElement[] = [];
  for (let current = child(root, "VersionOverrides"); current !== undefined; current = child(current, "VersionOverrides")) {
    scopes.push(current);
  }
  return scopes;
}

/** Elements below `element`, not descending into nested VersionOverrides or Resources. */
function descendants(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  for (const candidate of element.children) {
    if (candidate.name === "VersionOverrides" || candidate.name === "Resources") continue;
    found.push(candidate, ...descendants(candidate));
  }
  return found;
}

/** Which resource kind a resid on this element must name, when the schema fixes it. */
function expectedKind(element: XmlElement, parent: XmlElement): ResourceKind | null {
  switch (element.name) {
    case "Image":
      return "Image";
    case "SourceLocation":
    case "FunctionFile":
    case "Runtime":
    case "LearnMoreUrl":
      return "Url";
    case "Label":
    case "Title":
      return "ShortString";
    case "Description":
      return parent.name === "Supertip" || parent.name === "GetStarted" ? "LongString" : null;
    default:
      return null;
  }
}

/**
 * Checks one VersionOverrides element: child order, resources (ids, strings, overrides) and the
 * resids used by its hosts. Returns the URLs of its images and pages.
 */
function checkVersionOverrides(
  scope: XmlElement,
  report: (code: ManifestProblemCode, message: string) => void,
): { where: string; url: string }[] {
  checkOrder(scope, VERSION_OVERRIDES_ORDER, false, report);
  for (const name of ["Hosts", "Resources"]) {
    if (child(scope, name) === undefined) report("MISSING_ELEMENT", `${scope.where} has no ${name} element.`);
  }

  const urls: { where: string; url: string }[] = [];
  const defined = new Map<string, ResourceKind>();
  const resources = child(scope, "Resources");
  if (resources !== undefined) {
    checkOrder(resources, RESOURCES_ORDER, false, report);
    const groups: [string, string, ResourceKind][] = [
      ["Images", "Image", "Image"],
      ["Urls", "Url", "Url"],
      ["ShortStrings", "String", "ShortString"],
      ["LongStrings", "String", "LongString"],
    ];
    for (const [groupName, itemName, kind] of groups) {
      for (const group of resources.children.filter((candidate) => candidate.name === groupName)) {
        for (const item of group.children.filter((candidate) => candidate.name === itemName)) {
          const id = item.attrs["id"];
          if (id === undefined || id === "") {
            report("INVALID_VALUE", `${item.where} has no id.`);
            continue;
          }
          if (defined.has(id)) report("DUPLICATE_ID", `Resource id "${id}" is defined more than once (${item.where}).`);
          else defined.set(id, kind);
          if (id.length > MAX_ID_LENGTH) report("ID_TOO_LONG", `Resource id "${id}" is longer than ${MAX_ID_LENGTH} characters.`);
          if ((item.attrs["DefaultValue"] ?? "").trim() === "") report("MISSING_DEFAULT_VALUE", `${item.where} has no DefaultValue.`);
          if (kind === "Image" || kind === "Url") {
            urls.push(...urlsOf(item));
            continue;
          }
          if (!hasOverride(item, OVERRIDE_LOCALE)) report("MISSING_OVERRIDE", `${item.where} has no ${OVERRIDE_LOCALE} Override.`);
          const values = [item.attrs["DefaultValue"] ?? "", ...item.children.map((override) => override.attrs["Value"] ?? "")];
          if (values.some((value) => value.length > MAX_LENGTH[kind])) {
            report("VALUE_TOO_LONG", `${item.where} is longer than ${MAX_LENGTH[kind]} characters.`);
          }
        }
      }
    }
  }

  const checkResids = (parent: XmlElement): void => {
    for (const element of parent.children) {
      if (element.name === "VersionOverrides" || element.name === "Resources") continue;
      const resid = element.attrs["resid"];
      if (resid !== undefined) {
        const kind = defined.get(resid);
        const expected = expectedKind(element, parent);
        if (kind === undefined) {
          report("UNDEFINED_RESID", `${element.where} uses resid "${resid}", which no Resources entry defines.`);
        } else if (expected !== null && kind !== expected) {
          report("RESID_WRONG_KIND", `${element.where} uses resid "${resid}", a ${kind}; it needs a ${expected}.`);
        }
        if (resid.length > MAX_ID_LENGTH) report("ID_TOO_LONG", `resid "${resid}" is longer than ${MAX_ID_LENGTH} characters.`);
      }
      checkResids(element);
    }
  };
  checkResids(scope);

  const hosts = child(scope, "Hosts");
  for (const host of hosts === undefined ? [] : hosts.children) {
    const seen = new Set<string>();
    for (const element of descendants(host)) {
      const id = element.attrs["id"];
      if (!UI_ID_ELEMENTS.has(element.name) || id === undefined) continue;
      if (seen.has(id)) report("DUPLICATE_ID", `${element.name} id "${id}" is used more than once in ${host.where}.`);
      seen.add(id);
    }
  }
  return urls;
}

/** Why a base-relative URL does not name a file below distDir; null when it does. */
function missingFile(relativeUrl: string, distDir: string): string | null {
  const pathPart = relativeUrl.split(/[?#]/)[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return "is not a valid URL path.";
  }
  const root = path.resolve(distDir);
  const file = path.resolve(root, decoded);
  if (file !== root && !file.startsWith(root + path.sep)) return `points outside ${distDir}.`;
  try {
    if (fs.statSync(file).isFile()) return null;
  } catch {
    // fall through
  }
  return `has no file at ${path.join(distDir, decoded)}.`;
}
