/*
 * Notice for webviews that cannot run the add-in's bundles. This file is plain ES5 on purpose (it
 * is copied, not compiled) and loads right after office.js, before the bundle, so that it runs
 * where the bundle cannot even be parsed. Two cases:
 *
 * 1. Old Windows webviews. Volume-licensed Office 2016 and 2019 on Windows show add-ins in
 *    Internet Explorer 11 ("Trident"), and some Office 2019 installations in Edge Legacy
 *    ("EdgeHTML") (https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins).
 *    Recognised by the user agent, at once. Microsoft recommends a graceful message there
 *    (https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11).
 * 2. Any other webview too old for a bundle's syntax, chiefly Excel for Mac on a macOS whose
 *    Safari/WebKit is older than 16.4: the pane bundle uses ES2022 class static blocks
 *    (test/bundles/bundleSyntax.test.ts), so the whole file fails to parse and nothing in it runs,
 *    not even its Office.onReady timeout. Detected at the window's load event, which comes after
 *    the deferred bundle has run or failed to parse: a bundle that started has set
 *    `window.ledgerStatsStarted`. (Not by parsing a sample with `new Function`: the pages'
 *    Content-Security-Policy has no 'unsafe-eval', so that throws in every browser. Not by the user
 *    agent either: the Mac webview's does not carry a Safari version.) The dialog page it opens
 *    for a ribbon click is told which notice to show by its query (`?notice=old`).
 *
 * In both cases it
 *  - replaces the page's #root (the task pane, or legacy-notice.html) with a bilingual notice, and
 *  - answers the ribbon commands with that notice in a dialog, completing their event when it
 *    closes (at once where there is no DialogApi), so clicks do not queue up.
 * Everywhere else it does nothing. `window.ledgerStatsLegacyWebview` tells the bundle (in tests,
 * where the bundle does run) not to start.
 */
(function () {
  'use strict';

  var ua = window.navigator.userAgent || '';
  // Edge Legacy says "Edge/18.x"; Chromium Edge (WebView2) says "Edg/".
  var isLegacy = ua.indexOf('Trident/') !== -1 || / Edge\/\d/.test(ua);

  var LEGACY_NOTICE = [
    '台账统计需要较新的 Excel：Microsoft 365，或 Office 2021 及以后的版本。',
    '这台电脑上的 Excel 用 Internet Explorer 11 或旧版 Edge 显示加载项，无法运行本加载项。工作簿里已有的汇总表和图表仍可正常查看；也可以用命令行工具 ledger-stats 刷新 .xlsx 文件。',
    'ledger-stats needs a newer Excel: Microsoft 365, or Office 2021 or later.',
    'This Excel shows add-ins in Internet Explorer 11 or Edge Legacy, which cannot run this add-in. The summary sheets and charts already in the workbook still show as usual; the ledger-stats command-line tool can also refresh the .xlsx file.'
  ];

  var OLD_WEBVIEW_NOTICE = [
    '台账统计无法在此窗口中运行：显示加载项的浏览器组件太旧。',
    '在 Mac 上，Excel 用系统自带的 Safari（WebKit）显示加载项，需要 Safari 16.4 或更高版本：请更新 macOS 或 Safari 后重新打开工作簿。也可以使用网页版 Excel。工作簿里已有的汇总表和图表仍可正常查看；命令行工具 ledger-stats 也可以刷新 .xlsx 文件。',
    'ledger-stats cannot run in this window: the browser component that shows add-ins is too old.',
    'On a Mac, Excel shows add-ins with the system’s Safari (WebKit), which must be 16.4 or later: update macOS or Safari, then open the workbook again. Excel on the web also works. The summary sheets and charts already in the workbook still show as usual; the ledger-stats command-line tool can also refresh the .xlsx file.'
  ];

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

  // True when the page loads one of the add-in's bundles (not on legacy-notice.html).
  function pageHasBundle() {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      if (/(^|\/)(taskpane|commands)\.js([?#]|$)/.test(scripts[i].getAttribute('src') || '')) return true;
    }
    return false;
  }

  // The ribbon's function file: each command the manifest names shows the notice in a dialog
  // (legacy-notice.html, which runs this script) where DialogApi 1.1 exists, and completes its
  // event once the dialog is closed; without a dialog it completes at once, so clicks never queue.
  var COMMANDS = ['refreshSummaries'];
  var DIALOG_TIMEOUT_MS = 4 * 60 * 1000;
  var office = window.Office;

  // Which notice this page shows: 'legacy', 'old' (also when a page's bundle did not start), or null.
  var kind = isLegacy ? 'legacy' : /[?&]notice=old(&|$)/.test(window.location.search) ? 'old' : null;

  function noticeUrl() {
    return window.location.href.replace(/[^/?#]*([?#].*)?$/, kind === 'old' ? 'legacy-notice.html?notice=old' : 'legacy-notice.html');
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
      if (kind === 'legacy') showNotice(LEGACY_NOTICE, 'legacy-webview');
      else showNotice(OLD_WEBVIEW_NOTICE, 'old-webview');
    });
    answerCommands();
  }

  if (kind !== null) {
    giveUp();
  } else {
    window.addEventListener('load', function () {
      if (window.ledgerStatsStarted === true || !pageHasBundle()) return;
      kind = 'old';
      giveUp();
    });
  }
})();
