import type { FeatureConfig } from "./featureConfig.js";
import { NEGATION_WORDS } from "./negations.js";

/**
 * Hashed sparse features of a message, written into buffers the featurizer owns and reuses: the hot
 * path allocates nothing but the decoded string. Each feature has the same value, 1/sqrt(count)
 * (an L2-normalised bag), so long and short messages score on the same scale.
 */
export interface FeatureVector {
  readonly indices: Int32Array;
  count: number;
  value: number;
}

// Hand-written rather than a tokenizer library: one pass over char codes with no intermediate
// strings or arrays is what makes 150,000+ messages/s possible.

const HASH_MULTIPLIER = 0x9e3779b1; // 2^32 / golden ratio: multiplicative hashing
const BOUNDARY = 0x3c; // "<": char n-grams see "<word>" so prefixes and suffixes are features of their own
const MAX_WORD = 48;

const fmix = (h: number): number => {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
};
const fnvStep = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);
const FNV_OFFSET = 0x811c9dc5 | 0;

/** Seeds keep feature families apart: the word "ok" and the char gram "ok" are different features. */
const seed = (kind: number) => fmix(Math.imul(kind + 1, 0x9e3779b9));
const UNIGRAM = seed(1);
const NEGATED = seed(2);
const BIGRAM = seed(3);
const CHARS = seed(4);
const EMOJI = seed(5);
const HANDLE = seed(6);
const TOKEN = seed(7);

/** Features standing for a class of tokens rather than the token itself. */
const Marker = {
  url: 1,
  mention: 2,
  hashtag: 3,
  number: 4,
  emoji: 5,
  smile: 6,
  frown: 7,
  heart: 8,
  exclamation: 9,
  exclamations: 10,
  question: 11,
  questions: 12,
  elongated: 13,
  shouted: 14,
} as const;
const markerHash = (marker: number) => fmix(TOKEN ^ Math.imul(marker, 0x27d4eb2d));

const hashWord = (codes: ArrayLike<number>, from: number, to: number): number => {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = fnvStep(h, codes[i] ?? 0);
  return h;
};
const NEGATION_HASHES: ReadonlySet<number> = new Set(
  NEGATION_WORDS.map((w) =>
    hashWord(
      Array.from(w, (c) => c.charCodeAt(0)),
      0,
      w.length,
    ),
  ),
);

const MAX_NEGATION_LENGTH = Math.max(...NEGATION_WORDS.map((w) => w.length));

const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019;
/** Letters of Latin-1/Latin Extended, Greek, Cyrillic… and the CJK/Hangul blocks; not general punctuation (U+2000–206F). */
const isWordChar = (c: number) =>
  isAsciiLetter(c) || isDigit(c) || c === 0x5f || (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7) || (c >= 0x3040 && c < 0xd800);
const isHandleChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 0x5f;
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
/** Letters only: "A1" is not shouting and a flight number is not elongated. */
const lower = (c: number) => ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c);

/** Pictographs (U+1F000–1FAFF) and the older symbol blocks (☺ ♥ ✈ ❤ ⭐); skin tones and joiners are ignored. */
const isEmojiCodePoint = (cp: number) =>
  (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff);

/** `http://`, `https://` or `www.` starts at i (any case). */
function startsUrl(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  if (c === 0x77)
    return (
      i + 4 <= end &&
      (text.charCodeAt(i + 1) | 0x20) === 0x77 &&
      (text.charCodeAt(i + 2) | 0x20) === 0x77 &&
      text.charCodeAt(i + 3) === 0x2e
    );
  if (c !== 0x68 || i + 7 > end) return false;
  if ((text.charCodeAt(i + 1) | 0x20) !== 0x74 || (text.charCodeAt(i + 2) | 0x20) !== 0x74 || (text.charCodeAt(i + 3) | 0x20) !== 0x70)
    return false;
  const j = (text.charCodeAt(i + 4) | 0x20) === 0x73 ? i + 5 : i + 4;
  return text.charCodeAt(j) === 0x3a && text.charCodeAt(j + 1) === 0x2f && text.charCodeAt(j + 2) === 0x2f;
}

/**
 * Emoticon at i: `:)` `:-)` `;)` `:D` `:P` `=)` → smile, `:(` `:/` `:'(` → frown, `<3` → heart.
 * Returns its length (also written to `out` with its marker), or 0. The character after it must not be a letter or
 * digit, so "Note:Delta" and "10:30" are not faces.
 */
function emoticonAt(text: string, i: number, end: number, out: { marker: number; length: number }): number {
  const c = text.charCodeAt(i);
  if (c === 0x3c) {
    if (i + 1 < end && text.charCodeAt(i + 1) === 0x33 && !(i + 2 < end && isWordChar(text.charCodeAt(i + 2)))) {
      out.marker = Marker.heart;
      out.length = 2;
      return 2;
    }
    return 0;
  }
  let j = i + 1;
  const next = text.charCodeAt(j);
  if (next === 0x2d || next === 0x27) j++; // nose or tear
  if (j >= end) return 0;
  const mouth = text.charCodeAt(j);
  let marker = 0;
  if (mouth === 0x29 || mouth === 0x5d || mouth === 0x44 || mouth === 0x50 || mouth === 0x70 || mouth === 0x2a) marker = Marker.smile;
  else if (mouth === 0x28 || mouth === 0x5b || mouth === 0x2f || mouth === 0x5c || mouth === 0x7c) marker = Marker.frown;
  if (marker === 0) return 0;
  // A letter-mouth must stand alone (":Delta"), and ":/" inside "http://" never gets here (URLs are read first).
  if (j + 1 < end && isWordChar(text.charCodeAt(j + 1))) return 0;
  out.marker = marker;
  out.length = j + 1 - i;
  return out.length;
}

export class Featurizer {
  readonly config: FeatureConfig;
  private readonly shift: number;
  private readonly vector: FeatureVector;
  private readonly capacity: number;
  private readonly word = new Uint16Array(MAX_WORD + 2);
  private readonly emoticon = { marker: 0, length: 0 };
  private readonly markers: Int32Array;
  /** Hash of the previous word in the clause (0: none), for bigrams. */
  private previous = 0;
  private negated = false;

  constructor(config: FeatureConfig) {
    this.config = config;
    this.shift = 32 - config.bits;
    const gramsPerPosition = config.charMax >= config.charMin ? config.charMax - config.charMin + 1 : 0;
    // Worst case is one-letter words: (1 + 2 boundaries) positions of char grams plus 4 word-level features per 2 chars.
    this.capacity = Math.ceil(config.maxChars / 2) * (3 * gramsPerPosition + 6) + 16;
    this.vector = { indices: new Int32Array(this.capacity), count: 0, value: 0 };
    this.markers = new Int32Array(16);
    for (let m = 0; m < this.markers.length; m++) this.markers[m] = markerHash(m);
  }

  /** Features of `text` (already entity-decoded). The vector is reused by the next call: read it before. */
  extract(text: string): FeatureVector {
    const v = this.vector;
    v.count = 0;
    this.previous = 0;
    this.negated = false;
    const end = Math.min(text.length, this.config.maxChars);
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
      } else if ((c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57) && startsUrl(text, i, end)) {
        while (i < end && !isSpace(text.charCodeAt(i))) i++;
        this.mark(Marker.url);
        this.previous = this.markers[Marker.url] ?? 0;
      } else if (isWordChar(c)) {
        i = this.readWord(text, i, end);
      } else if (c === 0x40 && i + 1 < end && isHandleChar(text.charCodeAt(i + 1))) {
        i = this.readMention(text, i + 1, end);
      } else if (c === 0x23 && i + 1 < end && isWordChar(text.charCodeAt(i + 1))) {
        this.mark(Marker.hashtag);
        i = this.readWord(text, i + 1, end);
      } else if (c === 0x21 || c === 0x3f) {
        let questions = 0;
        let exclamations = 0;
        for (; i < end; i++) {
          const p = text.charCodeAt(i);
          if (p === 0x3f) questions++;
          else if (p === 0x21) exclamations++;
          else break;
        }
        if (questions > 0) this.mark(questions > 1 ? Marker.questions : Marker.question);
        if (exclamations > 0) this.mark(exclamations > 1 ? Marker.exclamations : Marker.exclamation);
        this.endClause();
      } else if ((c === 0x3a || c === 0x3b || c === 0x3d || c === 0x3c) && emoticonAt(text, i, end, this.emoticon) > 0) {
        this.mark(this.emoticon.marker);
        i += this.emoticon.length;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const cp = text.codePointAt(i) ?? c;
        if (isEmojiCodePoint(cp)) this.emoji(cp);
        i += cp > 0xffff ? 2 : 1; // a lone high surrogate is one unit
      } else {
        if (isEmojiCodePoint(c)) this.emoji(c);
        else if (c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2026) this.endClause();
        i++;
      }
    }
    v.value = v.count > 0 ? 1 / Math.sqrt(v.count) : 0;
    return v;
  }

  /** Multiplicative hashing: the top `bits` of hash × golden ratio, cheap and well spread (FNV's low bits are not). */
  private push(hash: number): void {
    const v = this.vector;
    if (v.count < this.capacity) v.indices[v.count++] = Math.imul(hash, HASH_MULTIPLIER) >>> this.shift;
  }

  private mark(marker: number): void {
    this.push(this.markers[marker] ?? 0);
  }

  private endClause(): void {
    this.previous = 0;
    this.negated = false;
  }

  private emoji(cp: number): void {
    this.mark(Marker.emoji);
    this.push(EMOJI ^ cp);
  }

  private readMention(text: string, start: number, end: number): number {
    let i = start;
    let h = FNV_OFFSET;
    while (i < end && isHandleChar(text.charCodeAt(i))) h = fnvStep(h, lower(text.charCodeAt(i++)));
    if (this.config.mentions === "handle") this.push(HANDLE ^ h);
    else this.mark(Marker.mention);
    return i;
  }

  /** Reads one word from `start`; squashes letter runs of 3+ to 2 ("sooo" → "soo") and flags it. */
  private readWord(text: string, start: number, end: number): number {
    const w = this.word;
    let length = 0;
    let letters = 0;
    let uppers = 0;
    let digits = 0;
    let elongated = false;
    let i = start;
    for (; i < end; i++) {
      let c = text.charCodeAt(i);
      if (isApostrophe(c)) {
        // Inside a word only ("don't"); a closing quote or possessive "guests'" ends it.
        if (!(i + 1 < end && isAsciiLetter(text.charCodeAt(i + 1))) || length === 0) break;
        c = 0x27;
      } else if (!isWordChar(c)) break;
      if (isDigit(c)) digits++;
      else if (c !== 0x27 && c !== 0x5f) {
        letters++;
        const l = lower(c);
        if (l !== c) uppers++;
        c = l;
        if (length >= 2 && w[length] === c && w[length - 1] === c) {
          elongated = true;
          continue;
        }
      }
      if (length < MAX_WORD) w[++length] = c;
    }
    if (length === 0) return Math.max(i, start + 1);
    if (digits === length) {
      this.mark(Marker.number);
      this.previous = this.markers[Marker.number] ?? 0;
      return i;
    }
    const h = hashWord(w, 1, length + 1);
    const isNegation =
      (length <= MAX_NEGATION_LENGTH && NEGATION_HASHES.has(h)) ||
      (length > 3 && w[length] === 0x74 && w[length - 1] === 0x27 && w[length - 2] === 0x6e);
    this.push((this.negated && !isNegation ? NEGATED : UNIGRAM) ^ h);
    if (this.config.wordBigrams && this.previous !== 0) this.push(BIGRAM ^ Math.imul(this.previous, 0x2f0b3f6d) ^ h);
    this.previous = h;
    if (isNegation && this.config.negationScope) this.negated = true;
    if (elongated) this.mark(Marker.elongated);
    if (letters >= 3 && uppers === letters) this.mark(Marker.shouted);
    this.charGrams(length);
    return i;
  }

  /** Char n-grams of "<word>", each length from charMin to charMax, hashed incrementally. */
  private charGrams(length: number): void {
    const { charMin, charMax } = this.config;
    if (charMax < charMin || charMax === 0) return;
    const w = this.word;
    w[0] = BOUNDARY;
    w[length + 1] = BOUNDARY;
    const last = length + 2;
    const v = this.vector;
    // The hottest loop: locals instead of push(), one capacity check per word.
    if (v.count + last * (charMax - charMin + 1) > this.capacity) return;
    const indices = v.indices;
    const shift = this.shift;
    let count = v.count;
    for (let from = 0; from < last; from++) {
      let h = CHARS;
      const stop = Math.min(last, from + charMax);
      for (let to = from; to < stop; to++) {
        h = fnvStep(h, w[to] as number);
        if (to - from + 1 >= charMin) indices[count++] = Math.imul(h, HASH_MULTIPLIER) >>> shift;
      }
    }
    v.count = count;
  }
}
