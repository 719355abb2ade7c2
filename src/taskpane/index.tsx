// PLACEHOLDER task pane entry: renders a heading once Office is ready. To be replaced.
import { FluentProvider, Title3, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

/** Placeholder task pane UI. */
export function App(): React.JSX.Element {
  return (
    <FluentProvider theme={webLightTheme}>
      <Title3 as="h1">台账统计</Title3>
    </FluentProvider>
  );
}

void Office.onReady(() => {
  const container = document.getElementById("root");
  if (container !== null) createRoot(container).render(<App />);
});
