import { diffWords } from 'diff';
import type { GuidelineSection } from '../../contract';

/** One run of a word-level diff: plain text, never HTML (the panel renders it with elements). */
export interface DiffPart {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** How one section changed between two versions of its guideline. */
export interface SectionDiff {
  /** False when heading and body read the same (tags may still differ). */
  changed: boolean;
  heading: DiffPart[];
  body: DiffPart[];
}

type Diffable = Pick<GuidelineSection, 'heading' | 'body'>;

/**
 * A word-level diff (jsdiff) of a section's heading and markdown body, from the version an event was
 * judged under to the version in force; a section missing on one side diffs against empty text.
 */
export function diffSections(before: Diffable | undefined, after: Diffable | undefined): SectionDiff {
  const heading = diffText(before?.heading ?? '', after?.heading ?? '');
  const body = diffText(before?.body ?? '', after?.body ?? '');
  const changed = [...heading, ...body].some((part) => part.kind !== 'same');
  return { changed, heading, body };
}

/**
 * Word-level parts that turn `before` into `after`; an empty side gives no `same` part. jsdiff's
 * diffWords ignores whitespace-only changes, so unchanged runs carry the newer text's spacing: the
 * parts spell `after` exactly and `before` up to whitespace. (diffWordsWithSpace keeps both exact,
 * but matches single spaces between unrelated words, which reads as confetti.)
 */
export function diffText(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
