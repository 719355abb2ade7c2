// Webpack configuration for the Excel add-in (task pane + ribbon commands). Two configurations:
// "modern" (the bundles for current webviews, the pages, office.js and the manifest) and "es5" (the
// ES5 bundles for Internet Explorer 11 and Edge Legacy); `webpack --config-name es5` builds one.
//
// Settings (environment variables):
//   LEDGER_STATS_BASE_URL   production base URL that replaces https://localhost:3000/ in the
//                           built manifest (default https://ledger-stats.example.gov.cn/).
//   LEDGER_STATS_OFFICE_JS  "cdn" loads office.js from the Microsoft CDN; default "local"
//                           serves the copy from @microsoft/office-js next to the bundles.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { URL } = require("node:url");

const DEV_BASE_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
const DEFAULT_PRODUCTION_BASE_URL = "https://ledger-stats.example.gov.cn/";
const OFFICE_JS_CDN_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * The bundles for Internet Explorer 11 and Edge Legacy (Office 2016/2019 on Windows), built by the
 * second configuration ("es5"); legacy-webview.js loads them where a feature test fails.
 */
const ES5_BUNDLES = {
  // unorm: String.prototype.normalize (the ledger reader's NFKC), which Internet Explorer 11 lacks
  // and core-js does not provide; it installs itself only where the method is missing.
  "commands.es5": ["unorm", "./src/commands/commands.ts"],
  "lightpane.es5": ["unorm", "./src/legacyPane/index.ts"],
  "dialog.es5": "./src/commands/dialog.ts", // the ribbon's outcome dialog: no ledger text to normalise
};

/** Babel options of the ES5 bundles: syntax down to ES5, and only the core-js polyfills the code uses. */
const ES5_BABEL_OPTIONS = {
  babelrc: false,
  configFile: false,
  presets: [
    [
      "@babel/preset-env",
      {
        targets: { ie: "11" },
        useBuiltIns: "usage",
        corejs: require("core-js/package.json").version,
        modules: false, // webpack keeps the ES modules, to tree-shake them
        bugfixes: true,
      },
    ],
  ],
  // Babel's helpers (async functions, for-of, spread) imported once from @babel/runtime instead of
  // inlined into every module. Polyfills stay with preset-env above (corejs: false here).
  plugins: [["@babel/plugin-transform-runtime", { corejs: false, helpers: true, regenerator: true, version: require("@babel/runtime/package.json").version }]],
};

/**
 * Normalises the production base URL (LEDGER_STATS_BASE_URL): https only, no query or
 * fragment, always ending with a slash. Throws on an unusable value.
 */
function resolveBaseUrl(raw) {
  const value = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : DEFAULT_PRODUCTION_BASE_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`LEDGER_STATS_BASE_URL is not a valid URL: ${value}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`LEDGER_STATS_BASE_URL must use https (Office requires it): ${value}`);
  }
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Where office.js comes from: "cdn" or "local" (LEDGER_STATS_OFFICE_JS). */
function resolveOfficeJsSource(raw) {
  const value = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (value === "" || value === "local") return "local";
  if (value === "cdn") return "cdn";
  throw new Error(`LEDGER_STATS_OFFICE_JS must be "local" or "cdn", got: ${raw}`);
}

/**
 * Rewrites the dev URLs of the manifest to the production base URL. "https://localhost:3000/…"
 * becomes "<baseUrl>…"; a bare origin (AppDomain) becomes the production origin.
 */
function rewriteManifest(xml, baseUrl) {
  const origin = new URL(baseUrl).origin;
  return xml.replace(/https:\/\/localhost:3000(\/)?/g, (_match, slash) => (slash ? baseUrl : origin));
}

/** The Content-Security-Policy of the html pages. */
function contentSecurityPolicy({ officeJsSource, serving }) {
  const scriptSrc = ["'self'"];
  if (officeJsSource === "cdn") scriptSrc.push("https://appsforoffice.microsoft.com");
  const connectSrc = ["'self'"];
  if (serving) connectSrc.push(`wss://localhost:${DEV_PORT}`); // dev server live reload
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(" ")}`,
    "style-src 'self' 'unsafe-inline'", // Fluent UI v9 (Griffel) injects <style> at run time
    "img-src 'self' data:",
    `connect-src ${connectSrc.join(" ")}`,
    "font-src 'self' data:",
  ].join("; ");
}

/** The certificate files office-addin-dev-certs generated, or null when one is missing. */
function generatedCertificates() {
  const defaults = require("office-addin-dev-certs/lib/defaults");
  const files = [defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath];
  if (!files.every((file) => fs.existsSync(file))) return null;
  const [ca, cert, key] = files.map((file) => fs.readFileSync(file));
  return { ca, cert, key };
}

/** HTTPS options for the dev server: the Office dev certificates, with fallbacks. */
async function devServerHttps() {
  // Only reached by `webpack serve`: production builds never touch certificates.
  process.env.OFFICE_ADDIN_USAGE_DATA_LEVEL = "off";
  // scripts/start.js has already tried to create and trust them: do not regenerate.
  const checked = process.env.LEDGER_STATS_DEV_CERTS_CHECKED === "1" ? generatedCertificates() : null;
  if (checked !== null) return { type: "https", options: checked };
  try {
    return { type: "https", options: await require("office-addin-dev-certs").getHttpsServerOptions() };
  } catch (error) {
    // Typically Linux: the CA could not be trusted. Serve the generated files anyway.
    console.warn(`[ledger-stats] dev certificates are not trusted: ${error instanceof Error ? error.message : error}`);
    const generated = generatedCertificates();
    if (generated !== null) return { type: "https", options: generated };
    console.warn("[ledger-stats] falling back to a self-signed certificate; trust it in the browser first.");
    return { type: "https" };
  }
}

/** Webpack configuration factory (webpack-cli calls it with env and argv). */
module.exports = async (env = {}, argv = {}) => {
  // Required here so that tests can load the helpers below without the plugins.
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const CopyWebpackPlugin = require("copy-webpack-plugin");
  const serving = Boolean(env.WEBPACK_SERVE);
  const mode = argv.mode ?? (serving ? "development" : "production");
  const isProduction = mode === "production";
  const baseUrl = isProduction ? resolveBaseUrl(process.env.LEDGER_STATS_BASE_URL) : DEV_BASE_URL;
  const officeJsSource = resolveOfficeJsSource(process.env.LEDGER_STATS_OFFICE_JS);
  const officeJsDist = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

  const templateParameters = {
    officeJsUrl: officeJsSource === "cdn" ? OFFICE_JS_CDN_URL : "office.js",
    contentSecurityPolicy: contentSecurityPolicy({ officeJsSource, serving }),
  };

  /** @type {import("webpack").Configuration} */
  const config = {
    name: "modern",
    mode,
    context: __dirname,
    devtool: isProduction ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      dialog: "./src/commands/dialog.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The "es5" configuration writes into the same folder, maybe first: keep its bundles.
      clean: { keep: /\.es5\.js/ }, // the bundles and their .LICENSE.txt
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: "tsconfig.json",
              transpileOnly: true, // the typecheck runs separately (npm run typecheck)
              // tsconfig.json targets CommonJS for Node/jest; emit ES modules here so that
              // webpack can tree-shake @fluentui/react-components (CommonJS: ~18 MB bundle).
              compilerOptions: { module: "esnext" },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: [], // legacy-webview.js, named in the template, loads taskpane.js or lightpane.es5.js
        templateParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: [], // legacy-webview.js, named in the template, loads commands.js or commands.es5.js
        templateParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "legacy-notice.html",
        template: "./src/commands/legacy-notice.html",
        chunks: [], // only legacy-webview.js, named in the template
        templateParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "dialog.html",
        template: "./src/commands/dialog.html",
        chunks: [], // legacy-webview.js, named in the template, loads dialog.js or dialog.es5.js
        templateParameters,
      }),
      new CopyWebpackPlugin({
        patterns: [
          // office.js loads its host and locale files relative to its own URL: copy all of dist/.
          // Already minified; `minimized` keeps Terser away from these ~80 MB.
          { from: officeJsDist, to: ".", info: { minimized: true } },
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // ES5 notice for Internet Explorer 11 / Edge Legacy webviews, copied untouched (no Terser).
          { from: "src/taskpane/legacyWebview.js", to: "legacy-webview.js", info: { minimized: true } },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (isProduction ? rewriteManifest(content.toString("utf8"), baseUrl) : content),
          },
        ],
      }),
    ],
  };

  /** @type {import("webpack").Configuration} */
  const es5 = {
    name: "es5",
    mode,
    context: __dirname,
    devtool: isProduction ? false : "source-map",
    // ES5 for webpack's own runtime code too (no arrow functions, no const).
    target: ["web", "es5"],
    entry: ES5_BUNDLES,
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: false },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          // Babel's helpers (for-of, spread, destructuring) use Symbol.iterator and Array.from: run
          // them through the same usage-based injection, or a window without those fails in them
          // (test/bundles/es5Bundles.test.ts). Not core-js itself.
          test: /\.js$/,
          include: /node_modules[\\/]@babel[\\/]runtime[\\/]/,
          use: { loader: "babel-loader", options: { ...ES5_BABEL_OPTIONS, plugins: [], sourceType: "unambiguous" } },
        },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // Loaders run last to first: ts-loader strips the types (ES2020 out), then Babel lowers to ES5.
          use: [
            { loader: "babel-loader", options: ES5_BABEL_OPTIONS },
            {
              loader: "ts-loader",
              options: { configFile: "tsconfig.json", transpileOnly: true, compilerOptions: { module: "esnext" } },
            },
          ],
        },
      ],
    },
    performance: { hints: false },
  };

  if (serving) {
    config.devServer = {
      port: DEV_PORT,
      server: await devServerHttps(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false, // everything is emitted by the compilation (CopyWebpackPlugin), from memory
    };
  }
  return [config, es5];
};

module.exports.resolveBaseUrl = resolveBaseUrl;
module.exports.resolveOfficeJsSource = resolveOfficeJsSource;
module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_BASE_URL = DEV_BASE_URL;
module.exports.ES5_BUNDLES = ES5_BUNDLES;
module.exports.ES5_BABEL_OPTIONS = ES5_BABEL_OPTIONS; // also scripts/buildWps.mjs (the WPS bundles)
