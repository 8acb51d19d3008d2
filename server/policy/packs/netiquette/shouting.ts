import type { Word } from "../../text/postText.js";
import type { NetiquetteHit, NetiquetteRule } from "./rule.js";

// A word in capitals: two or more characters, an upper-case letter, no lower-case one (so scripts
// without case never count). Acronyms alone are fine; three in a row, or a post in capitals, is shouting.
const UPPER_WORD = /^(?=.*\p{Lu})[^\p{Ll}]{2,}$/u;
const SENTENCE_BREAK = /[.!?\n]/;

export const shouting: NetiquetteRule = {
  id: "shouting",
  anchor: "shouting",
  level: "warning",
  description: "Words in capitals",
  find({ post }) {
    const { text, prose } = post;
    const upper = prose.match(/\p{Lu}/gu)?.length ?? 0;
    const lower = prose.match(/\p{Ll}/gu)?.length ?? 0;
    if (upper + lower >= 12 && upper >= 0.7 * (upper + lower)) {
      return [
        { start: 0, end: text.length, actual: text, reason: "The post is written in capitals, which reads as shouting. Use normal case." },
      ];
    }
    const hits: NetiquetteHit[] = [];
    let run: Word[] = [];
    const flush = () => {
      const a = run[0];
      const b = run.at(-1);
      if (run.length >= 3 && a && b) {
        const actual = text.slice(a.start, b.end);
        hits.push({ start: a.start, end: b.end, actual, reason: `“${actual}” is in capitals, which reads as shouting. Use normal case.` });
      }
      run = [];
    };
    for (const w of post.words) {
      const previous = run.at(-1);
      if (!UPPER_WORD.test(w.text)) flush();
      else {
        if (previous && SENTENCE_BREAK.test(text.slice(previous.end, w.start))) flush();
        run.push(w);
      }
    }
    flush();
    return hits;
  },
};
