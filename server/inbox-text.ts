/*
 * Text rules the inbox shares between search and duplicate detection. Chinese, Japanese, Thai and
 * a few other scripts are written without spaces between words, so a word splitter sees a whole
 * phrase as one word. Both search and similarity therefore read a run of such characters as its
 * overlapping character pairs (bigrams), the usual stand-in for a word list in those scripts.
 */

/**
 * The scripts written without spaces: Thai, Lao, Burmese, Khmer, kana, CJK ideographs. The same
 * ranges are in migration 0010's qa_lens_search_words, which writes the stored search document.
 */
const UNSPACED_CLASS =
  '[\\u0e00-\\u0eff\\u1000-\\u109f\\u1780-\\u17ff\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}]';

const UNSPACED = new RegExp(UNSPACED_CLASS, 'u');
const RUNS = new RegExp(`(${UNSPACED_CLASS}+)`, 'u');
const RUNS_GLOBAL = new RegExp(`${UNSPACED_CLASS}+`, 'gu');

/** True when `text` holds a character of a script written without spaces. */
export function hasUnspacedScript(text: string): boolean {
  return UNSPACED.test(text);
}

/** The runs of unspaced-script characters in `text`, in order. */
export function unspacedRuns(text: string): string[] {
  return text.match(RUNS_GLOBAL) ?? [];
}

/**
 * A search query as websearch_to_tsquery should read it once qa_lens_search_words has paired its
 * characters: each run of two or more unspaced characters outside quotes is quoted, so its pairs
 * must stand next to each other (a substring of the text, not just its pairs anywhere), and runs
 * of one character are taken out (the index holds pairs only; inbox-query checks them as
 * substrings). Quotes the analyst wrote keep their meaning.
 */
export function searchQueryText(text: string): string {
  return text
    .split('"')
    .map((segment, i) => {
      const single = segment.replace(RUNS_GLOBAL, (run) => ([...run].length === 1 ? ' ' : run));
      // Odd segments are inside the analyst's quotes already.
      return i % 2 === 1 ? single : single.replace(RUNS_GLOBAL, (run) => `"${run}"`);
    })
    .join('"')
    .trim();
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
        .flatMap((run) => (UNSPACED.test(run) ? bigrams(run) : [run])),
    );
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, i) => chars[i]! + char);
}
