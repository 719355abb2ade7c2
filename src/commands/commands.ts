// PLACEHOLDER ribbon commands (function file). To be replaced.

/** Handler of the "刷新汇总 / Refresh summaries" ribbon button (ExecuteFunction "refreshSummaries"). */
export async function refreshSummaries(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Excel.run(async (context) => {
      await context.sync(); // placeholder: the real refresh goes here
    });
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate("refreshSummaries", (event: Office.AddinCommands.Event) => {
    void refreshSummaries(event);
  });
});
