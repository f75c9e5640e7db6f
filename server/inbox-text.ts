/*
 * Text rules the inbox shares between search and duplicate detection. Chinese, Japanese, Thai and
 * a few other scripts are written without spaces between words, so a word splitter sees a whole
 * phrase as one word: search falls back to a substring match for them, and similarity compares
 * overlapping character pairs (bigrams), the usual stand-in for a word list in those scripts.
 */

/** A character of a script written without spaces between words. */
export const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const RUNS = new RegExp(`(${UNSPACED_SCRIPT.source}+)`, 'u');

/** True when `text` holds a character of a script written without spaces. */
export function hasUnspacedScript(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

/** The terms similarity compares: lowercase words, and character bigrams inside unspaced runs. */
export function similarityTerms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((word) => word.length > 0)
    .flatMap((word) =>
      word
        .split(RUNS)
        .filter((run) => run.length > 0)
        .flatMap((run) => (UNSPACED_SCRIPT.test(run) ? bigrams(run) : [run])),
    );
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, i) => chars[i]! + char);
}
