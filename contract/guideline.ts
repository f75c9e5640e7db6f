import { z } from 'zod';
import { SiteId, storableString, Timestamp } from './common';
import { GUIDELINE_BODY_MAX, GUIDELINE_SECTIONS_MAX, GUIDELINE_SYNC_PAGE_MAX, GUIDELINE_TAGS_MAX } from './limits';

/*
 * Guidelines: one per site or policy family, published in immutable versions. A version holds
 * sections the extension matches to items by their tags (policy, category, label) and by full text.
 */

const SLUG = /^[a-z0-9][a-z0-9._-]*$/;
const SLUG_MESSAGE = 'lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';

/** A guideline's id, e.g. `moderation-handbook`. */
export const GuidelineId = storableString(64).min(1).regex(SLUG, SLUG_MESSAGE);

/** A version name as quality events cite it, e.g. `mod-2026.3`. */
export const GuidelineVersionName = storableString(64)
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit');

/** A section's id (its anchor), e.g. `misinformation`; unique within a version. */
export const SectionId = storableString(100).min(1).regex(SLUG, SLUG_MESSAGE);

/** A policy id (`hate_speech`, as quality events name policies), category, label or keyword. */
export const GuidelineTag = storableString(100).trim().min(1);

const Tags = z.array(GuidelineTag).max(GUIDELINE_TAGS_MAX).default([]);

/** One section of a guideline version. */
export const GuidelineSection = z.object({
  id: SectionId,
  heading: storableString(300).trim().min(1),
  /** Markdown; rendered to elements by the extension, never to an HTML string. */
  body: storableString(GUIDELINE_BODY_MAX),
  /** Policy ids as quality events name them, e.g. `hate_speech`, `needs_met`. */
  policies: Tags,
  /** Item categories the section applies to, as adapters read them (`News`, `Health`). */
  categories: Tags,
  /** Proposed labels or ratings the section speaks about (`remove`, `Highly Meets`). */
  labels: Tags,
  /** Extra words for full-text matching that the body does not say. */
  keywords: Tags,
});
export type GuidelineSection = z.output<typeof GuidelineSection>;
export type GuidelineSectionInput = z.input<typeof GuidelineSection>;

const Sections = z
  .array(GuidelineSection)
  .min(1)
  .max(GUIDELINE_SECTIONS_MAX)
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((section, index) => {
      if (seen.has(section.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate section id "${section.id}"` });
      }
      seen.add(section.id);
    });
  });

/** Body of `POST /v1/guidelines/publish` as JSON (markdown with front matter is the other form). */
export const GuidelinePublishRequest = z.object({
  guidelineId: GuidelineId,
  site: SiteId,
  title: storableString(300).trim().min(1),
  version: GuidelineVersionName,
  /** When the version comes into force; events judged after it cite it. */
  effectiveFrom: Timestamp,
  sections: Sections,
});
export type GuidelinePublishRequest = z.output<typeof GuidelinePublishRequest>;
export type GuidelinePublishRequestInput = z.input<typeof GuidelinePublishRequest>;

/** One published version, as the API stores and sends it. */
export const GuidelineVersion = GuidelinePublishRequest.extend({
  publishedAt: Timestamp,
  publishedBy: storableString(64),
  /** SHA-256 (hex) of the canonical content: equal digests mean equal versions. */
  digest: storableString(64),
});
export type GuidelineVersion = z.output<typeof GuidelineVersion>;

/** A version with its sync revision: monotonic across all guidelines. */
export const GuidelineVersionRecord = GuidelineVersion.extend({ revision: z.number().int().positive() });
export type GuidelineVersionRecord = z.output<typeof GuidelineVersionRecord>;

/** Answer of a publish: the stored version, and whether this request created it. */
export const GuidelinePublishResponse = z.object({
  created: z.boolean(),
  version: GuidelineVersionRecord,
});
export type GuidelinePublishResponse = z.output<typeof GuidelinePublishResponse>;

/** A version without its sections, for lists. */
export const GuidelineVersionSummary = GuidelineVersionRecord.omit({ sections: true, guidelineId: true, site: true });

/** One guideline and all its versions, oldest effective first. */
export const GuidelineListEntry = z.object({
  id: GuidelineId,
  site: SiteId,
  title: storableString(300),
  versions: z.array(GuidelineVersionSummary),
});
export const GuidelineListResponse = z.object({ guidelines: z.array(GuidelineListEntry) });
export type GuidelineListResponse = z.output<typeof GuidelineListResponse>;

/** A sync cursor: opaque to clients, send back what `nextCursor` said. */
export const GuidelineCursor = storableString(32).regex(/^[0-9]{1,18}$/, 'not a cursor this API gave out');

/** Query of `GET /v1/sync/guidelines`; no `since` starts from the beginning. */
export const GuidelineSyncQuery = z.object({
  since: GuidelineCursor.optional(),
  limit: z.coerce.number().int().min(1).max(GUIDELINE_SYNC_PAGE_MAX).default(20),
});
export type GuidelineSyncQuery = z.input<typeof GuidelineSyncQuery>;

/** A page of versions published after the cursor, oldest revision first. */
export const GuidelineSyncResponse = z.object({
  versions: z.array(GuidelineVersionRecord),
  /** Pass as `since` on the next pull; unchanged when nothing is new. */
  nextCursor: GuidelineCursor,
  hasMore: z.boolean(),
});
export type GuidelineSyncResponse = z.output<typeof GuidelineSyncResponse>;

/** One accepted publish in a guideline's audit trail, newest first in responses. */
export const GuidelinePublishLogEntry = z.object({
  version: GuidelineVersionName,
  action: z.enum(['published', 'unchanged']),
  actor: storableString(64),
  at: Timestamp,
  digest: storableString(64),
});
export const GuidelineHistoryResponse = z.object({ entries: z.array(GuidelinePublishLogEntry) });
export type GuidelineHistoryResponse = z.output<typeof GuidelineHistoryResponse>;

export { GUIDELINE_BODY_MAX, GUIDELINE_SECTIONS_MAX, GUIDELINE_SYNC_PAGE_MAX, GUIDELINE_TAGS_MAX } from './limits';
