import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import {
  GapReportInput,
  storableString,
  zodDetails,
  zodSummary,
  type GapReportContext,
  type GapReportParsed,
  type ScreenshotMime,
  type SyncPushResult,
} from '../contract';

/** A pushed report that passed every check, ready to store. */
export interface CheckedReport {
  report: GapReportParsed;
  /** The context with every part present (null when removed), as it is stored and answered. */
  context: GapReportContext;
  screenshot: { mime: ScreenshotMime; bytes: Buffer; width: number; height: number } | null;
  /** SHA-256 of the canonical content: equal ids must come with equal digests. */
  digest: string;
}

/** A pushed report's check: ready to store, or the rejection to answer. */
export type CheckResult = { ok: true; checked: CheckedReport } | { ok: false; result: SyncPushResult };

/** Most field problems one rejection lists. */
const DETAILS_MAX = 20;

/** What image-size calls each type the contract admits. */
const IMAGE_TYPE: Record<ScreenshotMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

const ReadableId = storableString(64);

/** Checks one pushed report on its own, so one bad record is rejected alone and the rest are stored. */
export function checkReport(raw: unknown, index: number): CheckResult {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = ReadableId.safeParse(rawId).success ? (rawId as string) : null;
  const rejected = (code: SyncPushResult['code'], message: string, details?: SyncPushResult['details']) => ({
    ok: false as const,
    result: { index, id, outcome: 'rejected' as const, code, message, ...(details ? { details } : {}) },
  });

  const parsed = GapReportInput.safeParse(raw);
  if (!parsed.success) {
    const details = zodDetails(parsed.error).slice(0, DETAILS_MAX);
    return rejected('invalid', `invalid report: ${zodSummary(parsed.error, 3)}`, details);
  }
  const report = parsed.data;
  let screenshot: CheckedReport['screenshot'] = null;
  if (report.screenshot) {
    const { mime, width, height } = report.screenshot;
    const bytes = Buffer.from(report.screenshot.data, 'base64');
    const problem = imageProblem(bytes, mime, width, height);
    if (problem) return rejected('screenshot_invalid', problem, [{ path: 'screenshot.data', message: problem }]);
    screenshot = { mime, bytes, width, height };
  }
  const context = normalContext(report.context);
  return { ok: true, checked: { report, context, screenshot, digest: digestOf(report, context, screenshot) } };
}

/** The bytes a complete image ends with: PNG's IEND chunk, JPEG's end-of-image marker. */
const END: Record<ScreenshotMime, Buffer> = {
  'image/png': Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  'image/jpeg': Buffer.from([0xff, 0xd9]),
};

/** Why `bytes` are not a whole `mime` image of `width` × `height`, or null when they are. */
function imageProblem(bytes: Buffer, mime: ScreenshotMime, width: number, height: number): string | null {
  // A canvas export always ends with these bytes; anything else is a truncated upload or has data appended.
  if (!bytes.subarray(-END[mime].length).equals(END[mime])) {
    return 'the screenshot is truncated or has bytes after the end of the image';
  }
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return 'the screenshot is not a readable PNG or JPEG image';
  }
  if (size.type !== IMAGE_TYPE[mime]) return `the screenshot is declared ${mime} but its bytes are ${size.type}`;
  if (size.width !== width || size.height !== height) {
    return `the screenshot is declared ${width}×${height} but the image is ${size.width}×${size.height}`;
  }
  return null;
}

/** Every part of the context present in one order, null where the reporter removed it. */
function normalContext(context: GapReportContext): GapReportContext {
  const fields = context.fields
    ? Object.fromEntries(Object.entries(context.fields).sort(([a], [b]) => (a < b ? -1 : 1)))
    : null;
  const guideline = context.guideline
    ? {
        guidelineId: context.guideline.guidelineId,
        version: context.guideline.version ?? null,
        sectionId: context.guideline.sectionId ?? null,
        heading: context.guideline.heading ?? null,
      }
    : null;
  return {
    pageUrl: context.pageUrl ?? null,
    pageTitle: context.pageTitle ?? null,
    site: context.site ?? null,
    itemKey: context.itemKey ?? null,
    fields,
    selection: context.selection ?? null,
    guideline,
    proposedDecision: context.proposedDecision ?? null,
  };
}

function digestOf(report: GapReportParsed, context: GapReportContext, shot: CheckedReport['screenshot']): string {
  const canonical = {
    type: report.type,
    severity: report.severity,
    note: report.note,
    context,
    createdAt: new Date(report.createdAt).toISOString(),
    screenshot: shot && {
      mime: shot.mime,
      width: shot.width,
      height: shot.height,
      sha256: createHash('sha256').update(shot.bytes).digest('hex'),
    },
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
