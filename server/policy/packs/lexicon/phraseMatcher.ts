import { normalizeWord, type Word } from "../../text/postText.js";

// One matcher for the whole lexicon: terms are indexed by their first word, so a check looks up each
// word of the post once, whatever the number of terms (1,000 terms cost about what 10 do), instead of
// running one regular expression per term. Matching is by whole words, case-insensitive.

const TERM_WORDS = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

interface Entry<T> {
  words: string[];
  values: T[];
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  values: T[];
}

export const termWords = (term: string) => [...term.matchAll(TERM_WORDS)].map((m) => normalizeWord(m[0]));

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private readonly byCompact = new Map<string, T[]>();
  size = 0;

  add(term: string, value: T): void {
    const words = termWords(term);
    const first = words[0];
    if (!first) return;
    const list = this.byFirst.get(first) ?? [];
    const existing = list.find((e) => e.words.length === words.length && e.words.every((w, i) => w === words[i]));
    if (existing) existing.values.push(value);
    else {
      list.push({ words, values: [value] });
      // Longest first, so the longest term at a position wins ("Project Falcon" over "Project").
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(first, list);
    }
    if (words.length > 1) {
      const compact = words.join("").replace(/['’-]/g, "");
      this.byCompact.set(compact, [...(this.byCompact.get(compact) ?? []), value]);
    }
    this.size++;
  }

  /** Longest, non-overlapping matches of terms in the words of a text. */
  match(words: Word[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirst.get(words[i]?.norm ?? "");
      if (!candidates) continue;
      for (const entry of candidates) {
        const n = entry.words.length;
        if (i + n > words.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = words[i + k]?.norm === entry.words[k];
        if (!ok) continue;
        found.push({ start: words[i]?.start ?? 0, end: words[i + n - 1]?.end ?? 0, values: entry.values });
        i += n - 1;
        break;
      }
    }
    return found;
  }

  /** Multi-word terms written as one token, as in hashtags: `#ProjectFalcon` for "Project Falcon". */
  matchCompact(token: string): T[] {
    return this.byCompact.get(normalizeWord(token).replace(/['’-]/g, "")) ?? [];
  }
}
