/**
 * Benchmark runner: imports every `bench/*.bench.ts`, runs its `run()` and prints one
 * `name=value` line per figure. Performance goals live here, never in timed tests.
 * `npm run bench -- <filter>` runs only the benchmark files whose name contains the filter.
 */
import { readdirSync } from 'fs';
import { join } from 'path';

interface BenchModule {
  run(): Promise<Record<string, number>>;
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
    .sort();
  let failed = false;
  for (const file of files) {
    try {
      const mod = (await import(join(__dirname, file))) as BenchModule;
      const figures = await mod.run();
      for (const [name, value] of Object.entries(figures)) {
        const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
        process.stdout.write(`${name}=${shown}\n`);
      }
    } catch (error) {
      failed = true;
      process.stderr.write(`bench ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}

void main();
