#!/usr/bin/env node
// `npm start`: ensures the localhost dev certificates, then sideloads the add-in into desktop
// Excel (Windows/macOS, via office-addin-debugging) or runs the dev server (elsewhere).
"use strict";

const { spawn } = require("node:child_process");
const path = require("node:path");

process.env.OFFICE_ADDIN_USAGE_DATA_LEVEL = "off";
const root = path.resolve(__dirname, "..");
const manifest = path.join(root, "manifest.xml");

/** Creates and trusts the localhost certificates; prints manual steps when that fails. */
async function ensureCertificates() {
  try {
    await require("office-addin-dev-certs").ensureCertificatesAreInstalled();
  } catch (error) {
    const dir = require("office-addin-dev-certs/lib/defaults").certificateDirectory;
    console.warn(`\nCould not install the dev certificates automatically: ${error instanceof Error ? error.message : error}`);
    console.warn(
      [
        "Trust the CA certificate manually, then restart:",
        `  CA file: ${path.join(dir, "ca.crt")}`,
        "  Debian/Ubuntu (the path office-addin-dev-certs checks):",
        "    sudo mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs",
        "    sudo cp <CA file> /usr/local/share/ca-certificates/office-addin-dev-certs/ && sudo update-ca-certificates",
        "  Chrome/Edge on Linux also read ~/.pki/nssdb: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n office-addin-dev -i <CA file>",
        "  Firefox: Settings › Privacy & Security › Certificates › View Certificates › Authorities › Import",
        "  Or open https://localhost:3000/taskpane.html once and accept the certificate warning.",
        "",
      ].join("\n"),
    );
  }
}

/** Runs a Node CLI with this process's stdio; resolves with its exit code. */
function runNode(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: "inherit", env: process.env });
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  await ensureCertificates();
  process.env.LEDGER_STATS_DEV_CERTS_CHECKED = "1"; // webpack.config.js then reuses the files as they are
  if (process.platform === "win32" || process.platform === "darwin") {
    // Starts the dev server (npm run dev-server) and sideloads manifest.xml into desktop Excel.
    return runNode(require.resolve("office-addin-debugging/cli.js"), ["start", manifest]);
  }
  console.log(
    [
      "",
      "Dev server: https://localhost:3000/ (manifest: https://localhost:3000/manifest.xml)",
      "Sideload the add-in:",
      "  Excel on the web: open a workbook › Home › Add-ins › More add-ins › Upload My Add-in › choose manifest.xml",
      "  Excel on Windows: put manifest.xml in a shared folder, add it under File › Options › Trust Center ›",
      "    Trust Center Settings › Trusted Add-in Catalogs (Show in Menu), restart Excel,",
      "    then Home › Add-ins › More add-ins › Shared Folder",
      "  Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef, restart Excel",
      "",
    ].join("\n"),
  );
  return runNode(require.resolve("webpack/bin/webpack.js"), ["serve", "--mode", "development"]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
