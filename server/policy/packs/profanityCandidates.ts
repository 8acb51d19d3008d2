import { cuss } from "cuss";
import pluralize from "pluralize";

// retext-profanities looks up every word of a text in an index of its ~2,400 phrases, and rebuilds
// that index on every run (nlcst-search): about half the retext pipeline's time on a 280-character
// post. Most posts contain none of those words, so the language pack first asks this much cheaper
// question, "could any word start a profane phrase?", and runs retext-profanities only when the
// answer is yes. The answer is a superset of the plugin's own matching, so findings are the same:
// the first word of every phrase, singular and plural (as the plugin adds them), normalised as
// nlcst-normalize does (lower case, ’ as ', no hyphens or apostrophes); a text's words are checked
// whole and split at hyphens and apostrophes, since retext may split a word where we do not.

const FIRST_WORDS = new Set<string>();
for (const phrase of Object.keys(cuss)) {
  for (const form of [phrase, pluralize.singular(phrase), pluralize.plural(phrase)]) {
    const first = form.split(" ", 1)[0];
    if (first) FIRST_WORDS.add(normalize(first));
  }
}

function normalize(word: string): string {
  return word.toLowerCase().replace(/[’'-]/g, "");
}

const WORDS = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

/** True when some word of `text` could begin a phrase retext-profanities reports. */
export function mayContainProfanity(text: string): boolean {
  for (const m of text.matchAll(WORDS)) {
    const word = m[0];
    if (FIRST_WORDS.has(normalize(word))) return true;
    if (/['’-]/.test(word)) {
      for (const piece of word.split(/['’-]/)) if (FIRST_WORDS.has(piece.toLowerCase())) return true;
    }
  }
  return false;
}
