import type { PickedFile } from '../workflows/mergePickedFiles';

/**
 * A `File` from a file input as 合并区县台账 takes it: its name, and its bytes when the merge reaches it. Read with
 * `FileReader`: jsdom, where the panes' tests run, and Internet Explorer 11 have no `Blob.arrayBuffer`. Shared by the
 * Fluent pane (MergeLedgers) and the light pane.
 */
export function pickedFile(file: File): PickedFile {
  return {
    name: file.name,
    bytes: () =>
      new Promise<Uint8Array>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
        reader.onerror = () => reject(reader.error ?? new Error(`${file.name}: could not be read`));
        reader.readAsArrayBuffer(file);
      }),
  };
}
