/** Saves a Blob (a CSV export) as a file the browser downloads, under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later, not at once: the download starts asynchronously and reads the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
