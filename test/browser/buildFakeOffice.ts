import { join, resolve } from 'path';
import webpack from 'webpack';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The webpack configuration of the fake office.js: `fakeOffice.entry.ts` bundled as one
 * classic script, without eval (the page's CSP forbids it).
 */
export function fakeOfficeConfig(outDir: string): webpack.Configuration {
  return {
    mode: 'development',
    devtool: false,
    target: 'web',
    context: ROOT,
    entry: join(__dirname, 'fakeOffice.entry.ts'),
    output: { path: outDir, filename: 'office.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: join(ROOT, 'tsconfig.json'), transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
  };
}

/** Build the fake office.js into `outDir`; resolves with the bundle's path. */
export function buildFakeOffice(outDir: string): Promise<string> {
  const compiler = webpack(fakeOfficeConfig(outDir));
  return new Promise((done, fail) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) return fail(error);
        if (stats === undefined || stats.hasErrors()) {
          return fail(new Error(`fake office.js build failed:\n${stats?.toString({ all: false, errors: true }) ?? ''}`));
        }
        done(join(outDir, 'office.js'));
      });
    });
  });
}
