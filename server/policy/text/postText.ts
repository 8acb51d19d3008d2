// A post read once per check and shared by every pack: where its links, @mentions, hashtags and
// words are. Hand-written (not twitter-text) because the packs need UTF-16 offsets for all four in
// one pass over at most a few hundred characters, and these four patterns are linear-time.

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Word extends Span {
  /** Lower-cased, curly apostrophes straightened: what lexicons and keyword lists compare. */
  norm: string;
}

export interface PostText {
  text: string;
  urls: Span[];
  mentions: Span[];
  hashtags: Span[];
  /** Words of the prose (not inside links or mentions; hashtag bodies are words too). */
  words: Word[];
  /** The text with links and mentions blanked to spaces: same length, so offsets carry over. */
  prose: string;
}

const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|ly|gl|me|app|dev|ai|uk|de|fr|eu|gov|edu)\b(?:\/[^\s<>"]*)?/giu;
const MENTION_RE = /(?<![\p{L}\p{N}_@./])@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?/gu;
const HASHTAG_RE = /(?<![\p{L}\p{N}_&#/])[#＃][\p{L}\p{N}\p{M}_]*\p{L}[\p{L}\p{N}\p{M}_]*/gu;
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"’”]+$/u;

function spans(text: string, re: RegExp, trim = false): Span[] {
  const found: Span[] = [];
  for (const m of text.matchAll(re)) {
    let value = m[0];
    if (trim) value = value.replace(TRAILING_PUNCTUATION, "");
    if (value) found.push({ start: m.index, end: m.index + value.length, text: value });
  }
  return found;
}

/** Drops spans that start inside one of `outer` (both lists are in text order). */
function outside(list: Span[], outer: Span[]): Span[] {
  let j = 0;
  return list.filter((s) => {
    while (j < outer.length && (outer[j]?.end ?? 0) <= s.start) j++;
    const o = outer[j];
    return !(o && s.start >= o.start && s.start < o.end);
  });
}

/** The text with the given spans (in text order, not overlapping) replaced by spaces. */
function blank(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    parts.push(text.slice(at, s.start), " ".repeat(s.end - s.start));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

export const normalizeWord = (word: string) => word.toLowerCase().replace(/’/g, "'");

export function readPost(text: string): PostText {
  const urls = spans(text, URL_RE, true);
  const mentions = outside(spans(text, MENTION_RE), urls);
  const hashtags = outside(spans(text, HASHTAG_RE), urls);
  const prose = blank(
    text,
    [...urls, ...mentions].sort((a, b) => a.start - b.start),
  );
  const words: Word[] = [];
  for (const m of prose.matchAll(WORD_RE)) {
    words.push({ start: m.index, end: m.index + m[0].length, text: m[0], norm: normalizeWord(m[0]) });
  }
  return { text, urls, mentions, hashtags, words, prose };
}

/** Sentences of `text` with their offsets (a sentence ends at . ! ? or a blank line). */
export function sentences(text: string): Span[] {
  const found: Span[] = [];
  const re = /[^.!?\n]*(?:[.!?]+["'’”)\]]*|\n\s*\n|\n|$)/gu;
  for (const m of text.matchAll(re)) {
    if (!m[0]) {
      re.lastIndex++;
      continue;
    }
    const lead = m[0].length - m[0].trimStart().length;
    const value = m[0].trim();
    if (value) found.push({ start: m.index + lead, end: m.index + lead + value.length, text: value });
  }
  return found;
}

/** Paragraphs: runs of text separated by blank lines. */
export function paragraphs(text: string): Span[] {
  const found: Span[] = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/gu)) {
    if (m[0].trim()) found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found;
}
