import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkManifest, type ManifestProblemCode } from "./checkManifest";

/** The helpers webpack.config.js exports next to its config factory. */
interface WebpackConfigHelpers {
  resolveBaseUrl(raw: string | undefined): string;
  DEV_BASE_URL: string;
}

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const SOURCE_MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const { resolveBaseUrl, DEV_BASE_URL } = jest.requireActual<WebpackConfigHelpers>("../../webpack.config.js");
const PRODUCTION_BASE_URL = resolveBaseUrl(process.env["LEDGER_STATS_BASE_URL"]);
const ICONS = ["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png", "icon-128.png"];

/** Replaces `from` in the source manifest; fails when it does not occur (the fixture drifted). */
function mutate(from: string | RegExp, to: string, xml = SOURCE_MANIFEST): string {
  const changed = xml.replace(from, to);
  if (changed === xml) throw new Error(`mutate: ${String(from)} does not occur in the manifest`);
  return changed;
}

/** Problem codes of checking `xml` against the dev base URL. */
function codesOf(xml: string, distDir?: string): ManifestProblemCode[] {
  const result = checkManifest(xml, distDir === undefined ? { baseUrl: DEV_BASE_URL } : { baseUrl: DEV_BASE_URL, distDir });
  return result.problems.map((problem) => problem.code);
}

/** Reads a file of the production build, failing clearly when there is no build. */
function readDist(relative: string): string {
  const file = path.join(DIST, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} not found: run npm run build first (npm test builds before jest).`);
  }
  return fs.readFileSync(file, "utf8");
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in dist folder with the files the source manifest references. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-stats-dist-"));
  tempDirs.push(dir);
  fs.mkdirSync(path.join(dir, "assets"));
  for (const file of ["taskpane.html", "commands.html", ...ICONS.map((icon) => `assets/${icon}`)]) {
    fs.writeFileSync(path.join(dir, file), "");
  }
  return dir;
}

describe("checkManifest", () => {
  it("accepts the repository manifest with the dev base URL", () => {
    expect(checkManifest(SOURCE_MANIFEST, { baseUrl: DEV_BASE_URL }).problems).toEqual([]);
  });

  it("accepts the built dist/manifest.xml with the production base URL and the built files", () => {
    const result = checkManifest(readDist("manifest.xml"), { baseUrl: PRODUCTION_BASE_URL, distDir: DIST });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("accepts the repository manifest against a folder holding every referenced file", () => {
    expect(codesOf(SOURCE_MANIFEST, fakeDist())).toEqual([]);
  });

  it("reports URLs that do not start with the base URL", () => {
    const result = checkManifest(SOURCE_MANIFEST, { baseUrl: "https://ledger-stats.example.gov.cn/" });
    expect(result.ok).toBe(false);
    expect(new Set(result.problems.map((problem) => problem.code))).toEqual(new Set(["URL_NOT_UNDER_BASE"]));
  });

  it("reports a resid that no resource defines", () => {
    const xml = mutate('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Missing.Url"/>');
    expect(codesOf(xml)).toEqual(["UNDEFINED_RESID"]);
  });

  it("reports a resid that names the wrong kind of resource", () => {
    const xml = mutate('<Label resid="Pane.Label"/>', '<Label resid="Taskpane.Url"/>');
    expect(codesOf(xml)).toEqual(["RESID_WRONG_KIND"]);
  });

  it("reports an icon that points at a missing file", () => {
    const xml = mutate("assets/icon-16.png", "assets/icon-17.png");
    const result = checkManifest(xml, { baseUrl: DEV_BASE_URL, distDir: fakeDist() });
    expect(result.problems.map((problem) => problem.code)).toEqual(["FILE_MISSING"]);
    expect(result.problems[0]?.message).toContain("icon-17.png");
  });

  it("reports a resource string without an en-US override", () => {
    const xml = mutate('\n          <bt:Override Locale="en-US" Value="Statistics pane"/>', "");
    const result = checkManifest(xml, { baseUrl: DEV_BASE_URL });
    expect(result.problems.map((problem) => problem.code)).toEqual(["MISSING_OVERRIDE"]);
    expect(result.problems[0]?.message).toContain("Pane.Label");
  });

  it("reports a resource string without a DefaultValue", () => {
    const xml = mutate('<bt:String id="Pane.Label" DefaultValue="统计面板">', '<bt:String id="Pane.Label">');
    expect(codesOf(xml)).toEqual(["MISSING_DEFAULT_VALUE"]);
  });

  it("reports a DisplayName without an en-US override", () => {
    const xml = mutate('\n    <Override Locale="en-US" Value="Ledger statistics"/>', "");
    expect(codesOf(xml)).toEqual(["MISSING_OVERRIDE"]);
  });

  it("reports duplicate resource ids", () => {
    const xml = mutate('<bt:String id="Pane.Label"', '<bt:String id="Refresh.Label"');
    expect(codesOf(xml)).toContain("DUPLICATE_ID");
  });

  it("reports duplicate control ids", () => {
    const xml = mutate('id="LedgerStats.ShowPane"', 'id="LedgerStats.Refresh"');
    expect(codesOf(xml)).toEqual(["DUPLICATE_ID"]);
  });

  it("reports resource ids longer than 32 characters", () => {
    const longId = "Refresh.Label.ThatIsFarTooLongForTheSchema";
    const xml = mutate(/"Refresh\.Label"/g, `"${longId}"`);
    expect(codesOf(xml)).toContain("ID_TOO_LONG");
  });

  it("reports malformed XML with line and column", () => {
    const xml = mutate("</bt:Urls>", "");
    const result = checkManifest(xml, { baseUrl: DEV_BASE_URL });
    expect(result.problems.map((problem) => problem.code)).toEqual(["XML_MALFORMED"]);
    expect(result.problems[0]?.message).toMatch(/line \d+, column \d+/);
  });

  it("reports a double hyphen inside a comment as malformed XML", () => {
    const xml = mutate("<Permissions>", "<!-- built by webpack --mode production --><Permissions>");
    expect(codesOf(xml)).toEqual(["XML_MALFORMED"]);
  });

  it("reports OfficeApp children out of schema order", () => {
    const permissions = "\n  <Permissions>ReadWriteDocument</Permissions>";
    const xml = mutate("\n  <DefaultSettings>", `${permissions}\n  <DefaultSettings>`, mutate(permissions, ""));
    expect(codesOf(xml)).toEqual(["ELEMENT_ORDER"]);
  });

  it("reports Resources children out of schema order", () => {
    const urls = SOURCE_MANIFEST.match(/\n\s*<bt:Urls>[\s\S]*?<\/bt:Urls>/)?.[0];
    if (urls === undefined) throw new Error("the manifest has no bt:Urls block");
    const xml = mutate("\n      </bt:LongStrings>", `\n      </bt:LongStrings>${urls}`, mutate(urls, ""));
    expect(codesOf(xml)).toEqual(["ELEMENT_ORDER"]);
  });

  it("reports a missing required element", () => {
    const xml = mutate(/\n {2}<Permissions>ReadWriteDocument<\/Permissions>/, "");
    expect(codesOf(xml)).toEqual(["MISSING_ELEMENT"]);
  });
});

describe("production build (dist/)", () => {
  it("contains the pages, office.js with its host and locale files, the manifest and the icons", () => {
    const expected = [
      "taskpane.html",
      "taskpane.js",
      "commands.html",
      "commands.js",
      "dialog.html",
      "dialog.js",
      "office.js",
      "excel-web-16.00.js",
      "excel-win32-16.01.js",
      "zh-cn/office_strings.js",
      "en-us/office_strings.js",
      "manifest.xml",
      ...ICONS.map((icon) => `assets/${icon}`),
    ];
    readDist("manifest.xml");
    expect(expected.filter((file) => !fs.existsSync(path.join(DIST, file)))).toEqual([]);
  });

  it("rewrites every localhost URL in the manifest to the production base URL", () => {
    const manifest = readDist("manifest.xml");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${PRODUCTION_BASE_URL}taskpane.html"/>`);
    expect(manifest).toContain(`<AppDomain>${new URL(PRODUCTION_BASE_URL).origin}</AppDomain>`);
  });

  it("loads office.js before the bundle in pages that carry a Content-Security-Policy", () => {
    const cdn = (process.env["LEDGER_STATS_OFFICE_JS"] ?? "").trim().toLowerCase() === "cdn";
    const officeJs = cdn ? "https://appsforoffice.microsoft.com/lib/1/hosted/office.js" : "office.js";
    for (const [page, bundle] of [
      ["taskpane.html", "taskpane.js"],
      ["commands.html", "commands.js"],
      ["dialog.html", "dialog.js"],
    ] as const) {
      const html = readDist(page);
      const officeAt = html.search(new RegExp(`<script src="?${officeJs.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"?>`));
      // The bundle is loaded by the ES5 loader (legacy-webview.js), which names it in data-bundle and picks it or
      // its ES5 twin by feature test (issue 19); a direct <script src> would do as well.
      const escaped = bundle.replace(".", "\\.");
      const bundleAt = html.search(new RegExp(`<script [^>]*(?:src|data-bundle)="?${escaped}"?[ >]`));
      expect(officeAt).toBeGreaterThanOrEqual(0);
      expect(bundleAt).toBeGreaterThan(officeAt);
      expect(html).toMatch(/http-equiv="?Content-Security-Policy"? content="default-src 'self'; script-src 'self'/);
    }
    expect(readDist("taskpane.html")).toMatch(/<div id="?root"?>/);
  });
});
