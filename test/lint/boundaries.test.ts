import { ESLint } from 'eslint';
import { join } from 'path';

const root = join(__dirname, '..', '..');
// Jest cannot run ESLint's dynamic import of the config file, so hand the config over directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const options = (extra: ESLint.Options = {}): ESLint.Options => ({ cwd: root, overrideConfigFile: true, overrideConfig: config, ...extra });

/** Lint a snippet as if it were the file at `relativePath` (the file need not exist). */
async function lintAs(relativePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint(options());
  const [result] = await eslint.lintText(code, { filePath: join(root, relativePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('layer rules', () => {
  it('fail when a domain file imports from excel', async () => {
    const messages = await lintAs(
      'src/domain/ledger/boundaryProbe.ts',
      "import { createOfficeWorkbookPort } from '../../excel/officeWorkbookPort';\nexport const probe = createOfficeWorkbookPort;\n",
    );
    expect(messages.some((m) => m.startsWith('import-x/no-restricted-paths') && m.includes('src/domain must not import src/excel'))).toBe(true);
  });

  it('fail when a domain file imports from workflows', async () => {
    const messages = await lintAs(
      'src/domain/ledger/boundaryProbe.ts',
      "import { DEFAULT_SETTINGS } from '../../workflows/workbookPort';\nexport const probe = DEFAULT_SETTINGS;\n",
    );
    expect(messages.some((m) => m.includes('src/domain must not import src/workflows'))).toBe(true);
  });

  it('fail when workflows import a shell', async () => {
    const messages = await lintAs(
      'src/workflows/boundaryProbe.ts',
      "import { main } from '../cli/main';\nexport const probe = main;\n",
    );
    expect(messages.some((m) => m.includes('src/workflows must not import src/cli'))).toBe(true);
  });

  it('fail when the task pane imports the WPS port, or the WPS port an Excel module other than the pure ones', async () => {
    const pane = await lintAs('src/taskpane/boundaryProbe.ts', "import { createEtWorkbookPort } from '../wps/etWorkbookPort';\nexport const probe = createEtWorkbookPort;\n");
    expect(pane.some((m) => m.includes('src/taskpane must not import src/wps'))).toBe(true);
    const excel = await lintAs('src/wps/boundaryProbe.ts', "import { detectCapabilities } from '../excel/capabilities';\nexport const probe = detectCapabilities;\n");
    expect(excel.some((m) => m.includes('src/wps may import only the pure modules'))).toBe(true);
    const pure = await lintAs('src/wps/boundaryProbe.ts', "import { literalText } from '../excel/toCellInput';\nexport const probe = literalText;\n");
    expect(pure.filter((m) => m.startsWith('import-x/no-restricted-paths'))).toEqual([]);
  });

  it('fail when the task pane imports src/xlsx other than its browser entry', async () => {
    const file = await lintAs('src/taskpane/boundaryProbe.ts', "import { openXlsxReadPort } from '../xlsx/xlsxReadPort';\nexport const probe = openXlsxReadPort;\n");
    expect(file.some((m) => m.includes('src/taskpane may import src/xlsx only through src/xlsx/browser'))).toBe(true);
    const browser = await lintAs('src/taskpane/boundaryProbe.ts', "export const probe = () => import('../xlsx/browser/openPickedFilePort');\n");
    expect(browser.filter((m) => m.startsWith('import-x/no-restricted-paths'))).toEqual([]);
  });

  it('fail when the domain touches Office globals or the clock', async () => {
    const messages = await lintAs('src/domain/ledger/boundaryProbe.ts', 'export const probe = (): number => Date.now() + Office.context.document.mode.length;\n');
    expect(messages.some((m) => m.startsWith('no-restricted-properties'))).toBe(true);
    expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('pass for an import in the allowed direction', async () => {
    const messages = await lintAs(
      'src/workflows/boundaryProbe.ts',
      "import { STAGES } from '../domain';\nexport const probe = STAGES;\n",
    );
    expect(messages).toEqual([]);
  });

  it('fail when a layer reaches past the domain index', async () => {
    const messages = await lintAs(
      'src/workflows/boundaryProbe.ts',
      "import { STAGES } from '../domain/ledger/types';\nexport const probe = STAGES;\n",
    );
    expect(messages.some((m) => m.startsWith('no-restricted-imports') && m.includes('through its index'))).toBe(true);
  });

  it('fail on an import cycle', async () => {
    const eslint = new ESLint(options({ ignore: false }));
    const results = await eslint.lintFiles([join(__dirname, 'fixtures', 'cycleA.ts')]);
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('import-x/no-cycle');
  });
});
