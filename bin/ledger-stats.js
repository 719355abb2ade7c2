#!/usr/bin/env node
'use strict';
// The CLI entry point. `npm install` runs `prepare`, which compiles src/ to build/ (tsconfig.cli.json).
let cli;
try {
  cli = require('../build/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('build/cli/main.js')) {
    process.stderr.write('ledger-stats: build/ is missing; run `npm install` (or `npx tsc -p tsconfig.cli.json`) first.\n');
    process.exit(2);
  }
  throw error;
}
// A bounded heap growth when a large file is read (src/cli/boundHeapGrowth.ts: a full sheet's refresh under 600 MB).
cli.boundHeapGrowth(process.argv.slice(2));
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
