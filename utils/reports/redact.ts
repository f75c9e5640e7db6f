import { SCREENSHOT_MAX_BYTES, type GapScreenshot } from '../../contract/gap-report';
import { bytesToBase64 } from './screenshot-bytes';

/** A box to black out, in the image's own pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Encodings tried in turn until one fits the size cap: PNG, then JPEG at falling quality and size. */
const ATTEMPTS: { mime: 'image/png' | 'image/jpeg'; quality?: number; scale: number }[] = [
  { mime: 'image/png', scale: 1 },
  { mime: 'image/jpeg', quality: 0.85, scale: 1 },
  { mime: 'image/jpeg', quality: 0.75, scale: 0.75 },
  { mime: 'image/jpeg', quality: 0.7, scale: 0.5 },
  { mime: 'image/jpeg', quality: 0.6, scale: 0.35 },
];

/**
 * Burns the boxes into a copy of the image (opaque black, drawn over the pixels, so nothing of
 * what was under them is left in the file) and encodes it within the report's size cap. Only
 * this result is ever saved; the original stays in the form's memory.
 */
export async function redactScreenshot(
  image: CanvasImageSource & { width: number; height: number },
  boxes: readonly Box[],
): Promise<GapScreenshot> {
  for (const attempt of ATTEMPTS) {
    const width = Math.max(1, Math.round(image.width * attempt.scale));
    const height = Math.max(1, Math.round(image.height * attempt.scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw the screenshot');
    context.drawImage(image, 0, 0, width, height);
    context.fillStyle = '#000';
    for (const box of boxes) {
      context.fillRect(
        Math.floor(box.x * attempt.scale),
        Math.floor(box.y * attempt.scale),
        Math.ceil(box.width * attempt.scale),
        Math.ceil(box.height * attempt.scale),
      );
    }
    const blob = await canvas.convertToBlob({ type: attempt.mime, quality: attempt.quality });
    if (blob.size > SCREENSHOT_MAX_BYTES) continue;
    const data = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
    return { mime: attempt.mime, data, width, height };
  }
  throw new Error('the screenshot is too large to send even when shrunk; remove it or redact more of it');
}
