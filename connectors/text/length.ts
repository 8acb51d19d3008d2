import twitterText from "twitter-text";
import type { TextCounting } from "../types.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** X's weighted length, by X's own library: URLs count 23 (t.co), most CJK and emoji count 2. */
export const xWeightedLength = (text: string): number => twitterText.parseTweet(text).weightedLength;

const MASTODON_URL_LENGTH = 23;
/** `@user@example.social` counts as `@user` (Mastodon's StatusLengthValidator). */
const REMOTE_MENTION = /(^|[^/\w])@(([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[a-z0-9.-]+[a-z0-9]+)/gi;

/** Mastodon's count: graphemes, with every http(s) URL as 23 characters and remote mentions as their local part. */
export function mastodonLength(text: string): number {
  let countable = "";
  let last = 0;
  for (const { indices } of twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })) {
    countable += text.slice(last, indices[0]) + "x".repeat(MASTODON_URL_LENGTH);
    last = indices[1];
  }
  countable += text.slice(last);
  return graphemeLength(countable.replace(REMOTE_MENTION, (_m, before: string, _full: string, user: string) => `${before}@${user}`));
}

export const codePointLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

export function textLength(text: string, counting: TextCounting): number {
  switch (counting) {
    case "graphemes":
      return graphemeLength(text);
    case "x-weighted":
      return xWeightedLength(text);
    case "mastodon":
      return mastodonLength(text);
    case "code-points":
      return codePointLength(text);
  }
}
