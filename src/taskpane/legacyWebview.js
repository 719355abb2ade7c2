/*
 * The pages' bundle loader, and their notice where no bundle starts. This file is plain ES5 on
 * purpose (it is copied, not compiled) and loads right after office.js, so that it runs in every
 * webview Office uses, including Internet Explorer 11.
 *
 * 1. Which bundle. Perpetual Office 2016 and 2019 on Windows show add-ins in Internet Explorer 11
 *    ("Trident") or Edge Legacy ("EdgeHTML")
 *    (https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins),
 *    and Excel for Mac on an older macOS in an older Safari (WebKit). The page's tag of this script
 *    names two bundles: `data-bundle`, the modern one, and `data-es5-bundle`, built for ES5 with the
 *    polyfills it needs (webpack.config.js, configuration "es5"). `data-needs` says what the modern
 *    one needs (test/bundles/bundleSyntax.test.ts):
 *    - "es2020" (commands.js, dialog.js): ES2020 syntax. Taken as present where `Promise.any`
 *      (ES2021) is: it came after ES2020's syntax in every engine (Chromium 85, Safari 14, Firefox
 *      79, against optional chaining and `??` in Chromium 80, Safari 13.1, Firefox 74).
 *    - "es2022" (taskpane.js): class static blocks (Chromium 94, Safari 16.4, Firefox 93). Taken as
 *      present where both `structuredClone` (Chromium 98, Safari 15.4, Firefox 94) and regular
 *      expression lookbehind (Chromium 62, Safari 16.4, Firefox 78) are.
 *    Versions: core-js-compat (es.promise.any), @babel/compat-data (syntax) and caniuse-lite
 *    (lookbehind) in node_modules; structuredClone from MDN's compatibility data
 *    (https://developer.mozilla.org/docs/Web/API/Window/structuredClone#browser_compatibility).
 *    Elsewhere it loads the ES5 bundle. Feature tests, not the user agent: the Mac webview's user
 *    agent carries no Safari version, and a test of the syntax itself would need `new Function`,
 *    which the pages' Content-Security-Policy forbids (no 'unsafe-eval'); `new RegExp` is no eval.
 * 2. No bundle started. A bundle that started sets `window.ledgerStatsStarted`. Checked at the
 *    window's load event, which waits for the script inserted here to run or fail. If it did not
 *    start (say it did not parse), this script
 *    - replaces the page's #root (the task pane, or legacy-notice.html) with a bilingual notice, and
 *    - answers the ribbon commands with that notice in a dialog, completing their event when it
 *      closes (at once where there is no DialogApi), so clicks do not queue up.
 *    The dialog page it opens for a ribbon click (legacy-notice.html) is told by its query
 *    (`?notice=old`) to show the notice. `window.ledgerStatsLegacyWebview` tells a bundle that
 *    starts late not to start over the notice.
 */
(function () {
  'use strict';

  var NOTICE = [
    '台账统计未能在此窗口中启动：显示加载项的浏览器组件太旧，或加载项文件未能加载。',
    '请关闭并重新打开任务窗格。在 Mac 上，Excel 用系统自带的 Safari（WebKit）显示加载项：请更新 macOS 或 Safari 后重新打开工作簿。也可以使用网页版 Excel。工作簿里已有的汇总表和图表仍可正常查看；命令行工具 ledger-stats 也可以刷新 .xlsx 文件。',
    'ledger-stats could not start in this window: the browser component that shows add-ins is too old, or the add-in’s files did not load.',
    'Close the task pane and open it again. On a Mac, Excel shows add-ins with the system’s Safari (WebKit): update macOS or Safari, then open the workbook again. Excel on the web also works. The summary sheets and charts already in the workbook still show as usual; the ledger-stats command-line tool can also refresh the .xlsx file.'
  ];

  // This script's own tag: the last one so far, as the script runs while the page is parsed
  // (Internet Explorer 11 has no document.currentScript).
  var scripts = document.getElementsByTagName('script');
  var tag = scripts[scripts.length - 1];
  var modernBundle = tag ? tag.getAttribute('data-bundle') : null;
  var es5Bundle = tag ? tag.getAttribute('data-es5-bundle') : null;
  var needs = tag ? tag.getAttribute('data-needs') : null;

  function hasLookbehind() {
    try {
      return new RegExp('(?<=a)b').test('ab');
    } catch (error) {
      return false;
    }
  }

  /** True when this engine can run a bundle that needs `level` ("es2020" or "es2022"). */
  function canRun(level) {
    var hasPromiseAny = typeof window.Promise === 'function' && typeof window.Promise.any === 'function';
    if (level === 'es2020') return hasPromiseAny;
    if (level === 'es2022') return hasPromiseAny && typeof window.structuredClone === 'function' && hasLookbehind();
    return false;
  }

  function loadScript(src) {
    var script = document.createElement('script');
    script.src = src;
    // Run in insertion order, like the deferred tag it replaces (inserted scripts are async by default).
    script.async = false;
    (document.head || document.getElementsByTagName('head')[0]).appendChild(script);
  }

  function showNotice(lines, testId) {
    var root = document.getElementById('root');
    if (!root) return;
    while (root.firstChild) root.removeChild(root.firstChild);
    root.setAttribute('data-testid', testId);
    root.setAttribute('role', 'alert');
    for (var i = 0; i < lines.length; i++) {
      var p = document.createElement('p');
      p.style.cssText = 'font-family: sans-serif; font-size: 14px; line-height: 1.5; margin: 16px;' + (i % 2 === 0 ? ' font-weight: bold;' : '');
      p.appendChild(document.createTextNode(lines[i]));
      root.appendChild(p);
    }
  }

  function whenDomReady(callback) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback);
    else callback();
  }

  // The ribbon's function file: each command the manifest names shows the notice in a dialog
  // (legacy-notice.html, which runs this script) where DialogApi 1.1 exists, and completes its
  // event once the dialog is closed; without a dialog it completes at once, so clicks never queue.
  var COMMANDS = ['refreshSummaries'];
  var DIALOG_TIMEOUT_MS = 4 * 60 * 1000;
  var office = window.Office;

  function noticeUrl() {
    return window.location.href.replace(/[^/?#]*([?#].*)?$/, 'legacy-notice.html?notice=old');
  }

  function showNoticeDialog(event) {
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      if (event && typeof event.completed === 'function') event.completed();
    }
    try {
      var context = office.context;
      if (!context || !context.ui || !context.requirements || !context.requirements.isSetSupported('DialogApi', '1.1')) {
        finish();
        return;
      }
      window.setTimeout(finish, DIALOG_TIMEOUT_MS);
      context.ui.displayDialogAsync(noticeUrl(), { height: 40, width: 40 }, function (result) {
        if (result.status !== office.AsyncResultStatus.Succeeded) {
          finish();
          return;
        }
        // Closed by the user (12006) or failed to load: either way the click is answered.
        result.value.addEventHandler(office.EventType.DialogEventReceived, finish);
      });
    } catch (error) {
      finish();
    }
  }

  function answerCommands() {
    if (!office || typeof office.onReady !== 'function') return;
    office.onReady(function () {
      for (var i = 0; i < COMMANDS.length; i++) {
        if (office.actions && typeof office.actions.associate === 'function') office.actions.associate(COMMANDS[i], showNoticeDialog);
        window[COMMANDS[i]] = showNoticeDialog;
      }
    });
  }

  function giveUp() {
    window.ledgerStatsLegacyWebview = true;
    whenDomReady(function () {
      showNotice(NOTICE, 'old-webview');
    });
    answerCommands();
  }

  if (/[?&]notice=old(&|$)/.test(window.location.search)) {
    giveUp();
  } else if (modernBundle && es5Bundle) {
    window.ledgerStatsBundle = canRun(needs) ? modernBundle : es5Bundle;
    loadScript(window.ledgerStatsBundle);
    window.addEventListener('load', function () {
      if (window.ledgerStatsStarted !== true) giveUp();
    });
  }
})();
