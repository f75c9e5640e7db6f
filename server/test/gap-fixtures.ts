import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { GapReportInput } from '../../contract';

/** A fixed, valid UUIDv7 numbered `n`: tests name their reports without a clock. */
export function reportId(n: number): string {
  return `0190a5b2-7c3e-7abc-8def-${n.toString(16).padStart(12, '0')}`;
}

/** A complete gap report with every part of the context; override what the test is about. */
export function gapReport(n: number, overrides: Partial<GapReportInput> = {}): GapReportInput {
  return {
    id: reportId(n),
    type: 'unclear',
    severity: 'medium',
    note: `Section 5.3 does not say whether satire counts (report ${n})`,
    context: {
      pageUrl: 'http://localhost:4173/moderation/queue?item=42',
      pageTitle: 'Moderation queue',
      site: 'demo-moderation',
      itemKey: 'item-42',
      fields: { queue: 'general', category: 'News' },
      selection: 'contested claims',
      guideline: { guidelineId: 'moderation-handbook', version: 'mod-2026.3', sectionId: 'misinfo', heading: '5.3' },
      proposedDecision: 'keep',
    },
    screenshot: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of `width` × `height` grey pixels; with `noise`, random pixels that do not compress. */
export function png(width: number, height: number, { noise = false } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const rows = noise ? randomBytes((width + 1) * height) : Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y += 1) rows[y * (width + 1)] = 0; // filter type per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The JFIF APP0 segment every baseline JPEG from a browser's canvas starts with. */
const JFIF = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

/** The frame of a baseline JPEG: SOI, JFIF, a SOF0 segment giving its size (what readers check), EOI. */
export function jpegHead(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, sof, Buffer.from([0xff, 0xd9])]);
}

/** A screenshot field from image bytes. */
export function screenshotOf(bytes: Buffer, mime: 'image/png' | 'image/jpeg', width: number, height: number) {
  return { mime, data: bytes.toString('base64'), width, height };
}
