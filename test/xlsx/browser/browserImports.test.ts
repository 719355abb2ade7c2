import { existsSync, readFileSync } from 'fs';
import { builtinModules } from 'module';
import { dirname, join, relative, resolve } from 'path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');

/** Every module `entry` loads at run time (type-only imports left out), and the packages it names. */
function runtimeImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier !== undefined;
      if (!isImport && !isExport) continue;
      const specifier = ((statement as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier as ts.StringLiteral).text;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path));
      if (target === undefined) throw new Error(`${relative(ROOT, file)}: cannot resolve ${specifier}`);
      visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('src/xlsx/browser/openPickedFilePort', () => {
  it('loads no Node built-in module (fs, zlib, worker_threads…), directly or through what it imports', () => {
    const { files, packages } = runtimeImports(join(ROOT, 'src/xlsx/browser/openPickedFilePort.ts'));
    expect(files.size).toBeGreaterThan(5);
    expect([...files].map((f) => relative(ROOT, f))).toContain(join('src', 'xlsx', 'reader', 'openZipBytes.ts'));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect([...packages].filter((p) => builtins.has(p))).toEqual([]);
    expect([...packages]).toContain('fflate');
  }, 30_000);

  it('does not load the file reader (zipArchive.ts, openXlsxReader.ts)', () => {
    const loaded = [...runtimeImports(join(ROOT, 'src/xlsx/browser/openPickedFilePort.ts')).files].map((f) => relative(ROOT, f));
    expect(loaded.filter((f) => /zipArchive|openXlsxReader\.ts|xlsxReadPort\.ts/.test(f))).toEqual([]);
  }, 30_000);
});
