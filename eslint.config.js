// @ts-check
// ESLint flat config. The layer rules below are the architecture: they fail the build when
// an import goes the wrong way (see README "Layers") or when imports form a cycle.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const officeAddins = require('eslint-plugin-office-addins');

const LAYERS = ['domain', 'workflows', 'excel', 'xlsx', 'wps', 'taskpane', 'legacyPane', 'commands', 'cli', 'wpsAddin'];
const SHELLS = ['taskpane', 'legacyPane', 'commands', 'cli'];

/** What each layer may NOT import (STYLE.md "Layout"). */
const FORBIDDEN = {
  domain: LAYERS.filter((l) => l !== 'domain'),
  workflows: ['excel', 'xlsx', 'wps', ...SHELLS],
  excel: ['xlsx', 'wps', ...SHELLS],
  xlsx: ['excel', 'wps', ...SHELLS],
  // The WPS 表格 port (issue 20): only a WPS shell may import it; of src/excel only the pure modules below.
  wps: ['xlsx', ...SHELLS],
  // src/xlsx only through its browser entry (the except below).
  taskpane: ['wps', 'cli', 'commands', 'legacyPane'],
  // The light pane (ES5, for old webviews) shares the Fluent pane's host and labels: it may import
  // src/taskpane's plain modules, never its React ones (see the legacyPane block below).
  legacyPane: ['xlsx', 'wps', 'cli', 'commands'],
  commands: ['xlsx', 'wps', 'cli', 'taskpane', 'legacyPane'],
  cli: ['excel', 'wps', 'taskpane', 'legacyPane', 'commands'],
  // The WPS add-in's pages (ribbon callbacks, task pane): the one shell over src/wps. Its task pane is the light pane
  // (src/legacyPane) over the pane host of src/taskpane: their plain modules only (the no-React block below).
  wpsAddin: ['excel', 'xlsx', 'commands', 'cli'],
};

const zones = Object.entries(FORBIDDEN).flatMap(([target, froms]) =>
  froms.map((from) => ({
    target: `./src/${target}`,
    from: `./src/${from}`,
    message: `Layer rule: src/${target} must not import src/${from} (imports flow domain ← workflows ← excel/xlsx ← shells).`,
  })),
).concat({
  target: './src/wps',
  from: './src/excel',
  except: ['./a1.ts', './sheetNames.ts', './toCellInput.ts'],
  message: 'Layer rule: src/wps may import only the pure modules a1, sheetNames and toCellInput of src/excel (no Excel.*).',
}, {
  // 合并区县台账 (issue 18) reads picked .xlsx files in the pane with the project's reader over fflate: src/xlsx/browser
  // loads no Node module (test/xlsx/browser/browserImports.test.ts); the rest of src/xlsx needs fs and zlib.
  target: './src/taskpane',
  from: './src/xlsx',
  except: ['./browser'],
  message: 'Layer rule: src/taskpane may import src/xlsx only through src/xlsx/browser (browser-capable, loaded with import()).',
});

// eslint-plugin-office-addins 4 bundles its own typescript-eslint, so its `recommended` config
// cannot be spread next to ours ("Cannot redefine plugin"): register the plugin and its rules here.
const officeRules = {
  'office-addins/call-sync-after-load': 'error',
  'office-addins/call-sync-before-read': 'error',
  'office-addins/load-object-before-read': 'error',
  'office-addins/no-context-sync-in-loop': 'error',
  'office-addins/no-empty-load': 'error',
  'office-addins/no-navigational-load': 'error',
  'office-addins/no-office-initialize': 'error',
  'office-addins/test-for-null-using-isNullObject': 'error',
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'dist-wps/**', 'build/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'test/lint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, 'office-addins': officeAddins },
    settings: {
      // import-x must parse TypeScript dependencies to follow imports (no-cycle, no-restricted-paths).
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [
        require('eslint-import-resolver-typescript').createTypeScriptImportResolver({ project: './tsconfig.json' }),
      ],
    },
    rules: {
      ...officeRules,
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Ledger text is never rendered as HTML.' },
      ],
    },
  },
  {
    // Only src/excel touches the Excel object model.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/excel/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'Only src/excel touches Excel.*.' },
        { name: 'OfficeExtension', message: 'Only src/excel touches OfficeExtension.*.' },
      ],
    },
  },
  {
    // Code in the ribbon's bundle must run in WebKit 14 (Excel for Mac on older macOS; see
    // test/bundles/bundleSyntax.test.ts): no built-ins newer than that.
    files: ['src/{domain,workflows,excel,commands}/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced'].map((property) => ({
          property,
          message: 'Needs WebKit 15.4 or later; the ribbon bundle targets WebKit 14.',
        })),
        { object: 'Object', property: 'hasOwn', message: 'Needs WebKit 15.4 or later; use Object.prototype.hasOwnProperty.call.' },
      ],
      'no-restricted-globals': ['error', { name: 'structuredClone', message: 'Needs WebKit 15.4 or later; the ribbon bundle targets WebKit 14.' }],
    },
  },
  {
    // src/domain/index.ts is the one import path into the domain (STYLE.md "Layout").
    files: ['src/{workflows,excel,xlsx,commands,cli,taskpane}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)domain/.+', message: 'Import the domain through its index: "../domain".' }] },
      ],
    },
  },
  {
    // The light pane is plain DOM built to ES5: no React, no Fluent UI, none of the pane's components. So is the
    // WPS task pane that shows it.
    files: ['src/legacyPane/**/*.ts', 'src/wpsAddin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)domain/.+', message: 'Import the domain through its index: "../domain".' },
            { group: ['react', 'react-dom', 'react-dom/*', '@fluentui/*', '../taskpane/index'], message: 'The light pane uses no React (lightpane.es5.js).' },
            { regex: '^\\.\\./taskpane/[A-Z]', caseSensitive: true, message: 'The light pane uses no React components (lightpane.es5.js).' },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no host, UI, Node, clock or randomness.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', '@fluentui/*', 'exceljs', 'office-js', '@microsoft/*'], message: 'src/domain is pure TypeScript.' },
            { group: ['fs', 'path', 'os', 'child_process', 'node:*', 'stream', 'zlib'], message: 'src/domain does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'src/domain is pure.' },
        { name: 'Office', message: 'src/domain is pure.' },
        { name: 'OfficeExtension', message: 'src/domain is pure.' },
        { name: 'window', message: 'src/domain is pure.' },
        { name: 'document', message: 'src/domain is pure.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the clock in.' },
        { object: 'Math', property: 'random', message: 'Pass randomness in.' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Copied into dist as is and run by Internet Explorer 11: ES5 script, browser globals only.
    files: ['src/taskpane/legacyWebview.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { window: 'readonly', document: 'readonly' } },
    // ES5 has no `catch {}` without a binding.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
