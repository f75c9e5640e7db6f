/*
 * A screenshot travels as base64 (the contract's GapScreenshot) and is kept as bytes: a third
 * smaller in IndexedDB, and a Blob for an <img> without another decode.
 */

/** The bytes of standard base64 text (already checked by the contract). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64 with padding of `bytes`, the same text for the same bytes on every push. */
export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode takes its arguments on the stack: go in slices well below engines' limits.
  const SLICE = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}
