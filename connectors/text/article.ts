/**
 * Turns a post's plain text into an article (a title and HTML paragraphs) for networks that publish
 * articles rather than short posts: WordPress, and the feeds Switchboard hosts.
 *
 * The title rule: when the text has more than one line and its first line is short (at most
 * `TITLE_MAX` characters), the first line is the title and the rest is the body. Otherwise the title is
 * the start of the text, cut at a word near `TITLE_CUT` characters with "…", and the whole text is the body.
 */
import { graphemeLength } from "./length.js";

export const TITLE_MAX = 200;
export const TITLE_CUT = 80;

export interface Article {
  title: string;
  /** The body as plain text. */
  text: string;
  /** The body as HTML paragraphs: blank lines separate paragraphs, single line breaks become <br />, URLs become links. */
  html: string;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The first `max` graphemes, cut back to the last space when there is one in the second half, then "…". */
function shorten(line: string, max: number): string {
  if (graphemeLength(line) <= max) return line;
  let cut = "";
  for (const { segment } of segmenter.segment(line)) {
    if (graphemeLength(cut) >= max - 1) break;
    cut += segment;
  }
  const space = cut.lastIndexOf(" ");
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** http(s) URLs, leaving out punctuation that usually ends the sentence around them. */
const URL_PATTERN = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'’]/g;

/** The first http(s) URL in a text, as `textToHtml` would link it. */
export const firstUrl = (text: string): string | null => text.match(URL_PATTERN)?.[0] ?? null;

function linkify(line: string): string {
  let out = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = escapeHtml(match[0]);
    out += `${escapeHtml(line.slice(last, match.index))}<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${p.split("\n").map(linkify).join("<br />\n")}</p>`)
    .join("\n");
}

export function toArticle(input: string): Article {
  const text = input.replace(/\r\n?/g, "\n").trim();
  const newline = text.indexOf("\n");
  const first = (newline < 0 ? text : text.slice(0, newline)).trim();
  const rest = newline < 0 ? "" : text.slice(newline + 1).trim();
  if (rest !== "" && graphemeLength(first) <= TITLE_MAX) return { title: first, text: rest, html: textToHtml(rest) };
  return { title: shorten(first, TITLE_CUT), text, html: textToHtml(text) };
}
