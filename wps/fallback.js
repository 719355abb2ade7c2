/* global alert */
// Put before main.js's bundle by scripts/buildWps.mjs, in ES5. The bundle is ES5 too, with core-js and unorm for
// the later built-ins it calls (test/wpsAddin/es5Bundles.test.ts runs it without them); where it still stops before
// it has defined the ribbon's callbacks (a webview that lacks something of ES5 itself, such as
// Object.defineProperty, tested in buildWps.test.ts), these say why instead of the ribbon finding no callbacks.
// The bundle replaces both when it runs.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global the ribbon calls by name
var OnAddinLoad = function () {
  return true;
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- likewise
var OnAction = function () {
  alert('台账统计无法在此版本的 WPS 中运行：加载项网页的浏览器内核过旧，加载项的脚本未能启动。');
  return true;
};
