/*
 * Notice for old webviews. Volume-licensed Office 2016 and 2019 on Windows show add-ins in
 * Internet Explorer 11 ("Trident"), and some Office 2019 installations in Edge Legacy ("EdgeHTML")
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins).
 * The add-in's bundles are ES2020 and cannot run there: the pane would stay on "Loading…" and a
 * ribbon click would hang. Microsoft recommends a graceful message in that case
 * (https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11).
 *
 * This file is plain ES5 on purpose (it is copied, not compiled) and loads right after office.js,
 * before the bundle. In an old webview it
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
  if (!isLegacy) return;
  window.ledgerStatsLegacyWebview = true;

  var NOTICE = [
    '台账统计需要较新的 Excel：Microsoft 365，或 Office 2021 及以后的版本。',
    '这台电脑上的 Excel 用 Internet Explorer 11 或旧版 Edge 显示加载项，无法运行本加载项。工作簿里已有的汇总表和图表仍可正常查看；也可以用命令行工具 ledger-stats 刷新 .xlsx 文件。',
    'ledger-stats needs a newer Excel: Microsoft 365, or Office 2021 or later.',
    'This Excel shows add-ins in Internet Explorer 11 or Edge Legacy, which cannot run this add-in. The summary sheets and charts already in the workbook still show as usual; the ledger-stats command-line tool can also refresh the .xlsx file.'
  ];

  function showNotice() {
    var root = document.getElementById('root');
    if (!root) return;
    while (root.firstChild) root.removeChild(root.firstChild);
    root.setAttribute('data-testid', 'legacy-webview');
    root.setAttribute('role', 'alert');
    for (var i = 0; i < NOTICE.length; i++) {
      var p = document.createElement('p');
      p.style.cssText = 'font-family: sans-serif; font-size: 14px; line-height: 1.5; margin: 16px;' + (i % 2 === 0 ? ' font-weight: bold;' : '');
      p.appendChild(document.createTextNode(NOTICE[i]));
      root.appendChild(p);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', showNotice);
  else showNotice();

  // The ribbon's function file: each command the manifest names shows the notice in a dialog
  // (legacy-notice.html, which runs this script) where DialogApi 1.1 exists, and completes its
  // event once the dialog is closed; without a dialog it completes at once, so clicks never queue.
  var COMMANDS = ['refreshSummaries'];
  var DIALOG_TIMEOUT_MS = 4 * 60 * 1000;
  var office = window.Office;

  function noticeUrl() {
    return window.location.href.replace(/[^/?#]*([?#].*)?$/, 'legacy-notice.html');
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

  if (office && typeof office.onReady === 'function') {
    office.onReady(function () {
      for (var i = 0; i < COMMANDS.length; i++) {
        if (office.actions && typeof office.actions.associate === 'function') office.actions.associate(COMMANDS[i], showNoticeDialog);
        window[COMMANDS[i]] = showNoticeDialog;
      }
    });
  }
})();
