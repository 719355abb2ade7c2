/**
 * Helpers of the tests that run ES5 bundles in a realm without modern built-ins (test/bundles/es5Bundles.test.ts for
 * the Office add-in, test/wpsAddin/es5Bundles.test.ts for WPS): an iframe's window, and polling for what the bundle
 * does there.
 */

/** An iframe's window, with its globals readable by name. */
export type Realm = Window & typeof globalThis & Record<string, unknown>;

/** A fresh iframe in the test's (jsdom) document: its window, with `html` as its body. */
export function iframeRealm(html = ''): Realm {
  const frame = document.createElement('iframe');
  document.body.appendChild(frame);
  const w = frame.contentWindow as Realm;
  w.document.body.innerHTML = html;
  return w;
}

/** Deletes `names` from `target`, failing the test if one was not there (so the list stays real). */
export function removeBuiltIns(target: object, names: readonly (string | symbol)[]): void {
  for (const name of names) {
    expect({ name: String(name), present: name in target }).toEqual({ name: String(name), present: true });
    Reflect.deleteProperty(target, name);
  }
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
