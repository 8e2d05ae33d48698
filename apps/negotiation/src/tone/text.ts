/**
 * Text folding for tone matching: lower case, accents removed, typographic apostrophes made plain, one UTF-16 unit
 * in for one out, so an index in the folded text is the same index in the original (spans point at what the
 * seller wrote).
 */
const APOSTROPHES = /[\u2018\u2019\u02bc\u00b4`]/;

export function fold(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charAt(index);
    const code = unit.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      folded += unit;
      continue;
    }
    if (APOSTROPHES.test(unit)) {
      folded += "'";
      continue;
    }
    const base = unit.normalize('NFD').charAt(0).toLowerCase().charAt(0);
    folded += base || unit;
  }
  return folded;
}

/** What separates two words of a phrase: spaces and punctuation, as many as the writer used. */
const SEPARATOR = "[^\\p{L}\\p{N}']+";
/** Where words may be written together or apart ("t'aurait", "t' aurait"). */
const OPTIONAL_SEPARATOR = "[^\\p{L}\\p{N}']*";
/** What may stand for an apostrophe: itself, a space ("that s"), or nothing ("thats"). */
const APOSTROPHE = "(?:'|\\s)?";

/**
 * Compiles a phrase written as readable text into a matcher over folded text. `(a|b)` are alternatives;
 * `(a|b)? ` is an optional word (with the separator after it); a space is any run of spaces and punctuation,
 * ` ?` an optional one; an apostrophe may be written, spaced or left out. Matches whole words only.
 */
export function compilePhrase(pattern: string): RegExp {
  const body = fold(pattern)
    .replace(/\(\?:/g, '(')
    .replace(/\(([^()]*)\)\? \?/g, '(($1) )?')
    .replace(/ \?/g, '\uE000')
    .replace(/\((?!\?)/g, '(?:')
    .replace(/'/g, '\uE001')
    .replace(/ /g, SEPARATOR)
    .replace(/\uE000/g, OPTIONAL_SEPARATOR)
    .replace(/\uE001/g, APOSTROPHE);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
}

export interface Span {
  start: number;
  end: number;
}

/** Every match of `pattern` in the folded text, as spans of the original. */
export function findSpans(folded: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return spans;
}
