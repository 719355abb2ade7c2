/* global alert */
// Put before main.js's bundle by scripts/buildWps.mjs, in ES5: where WPS's webview is older than the bundle needs
// (ES2017 syntax, ES2019–2020 built-ins such as Array.prototype.flatMap: Chromium 73), the bundle stops at its
// first line, and without these the ribbon would find no callbacks. The bundle replaces both when it runs.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global the ribbon calls by name
var OnAddinLoad = function () {
  return true;
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- likewise
var OnAction = function () {
  alert('台账统计无法在此版本的 WPS 中运行：加载项网页的浏览器内核过旧（需要 Chromium 73 或更高版本）。');
  return true;
};
