import type { SnippetPart } from "./search.js";

/**
 * A snippet of plain text around the densest run of query words, for PostgreSQL (SQLite's FTS5 has
 * snippet()). ts_headline would do it, but it parses each whole article with the text-search parser:
 * 5–20 ms for a page of 20 results, more than the search itself. A query word matches a text word
 * that starts with it (or with its stem-like prefix: "recovery" finds "recover" and "recovered").
 */
export function snippetOf(text: string, terms: readonly string[], windowWords = 30): SnippetPart[] {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  if (words.length === 0) return [];
  const prefixes = terms.map((t) => (t.length > 5 ? t.slice(0, t.length - 2) : t));
  const hit = words.map((w) => {
    const lower = (w[0] ?? "").toLowerCase();
    return prefixes.some((p) => lower.startsWith(p));
  });
  // The window of windowWords words holding the most hits (the first such).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    if (hit[i]) count++;
    if (i >= windowWords && hit[i - windowWords]) count--;
    const start = Math.max(0, i - windowWords + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const first = words[best];
  const last = words[Math.min(words.length - 1, best + windowWords - 1)];
  if (!first || !last) return [];
  const from = first.index ?? 0;
  const to = (last.index ?? 0) + (last[0]?.length ?? 0);
  const parts: SnippetPart[] = [];
  if (from > 0) parts.push({ text: "…", match: false });
  let cursor = from;
  for (let i = best; i <= Math.min(words.length - 1, best + windowWords - 1); i++) {
    if (!hit[i]) continue;
    const w = words[i];
    const start = w?.index ?? 0;
    const end = start + (w?.[0]?.length ?? 0);
    if (start > cursor) parts.push({ text: text.slice(cursor, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    cursor = end;
  }
  if (to > cursor) parts.push({ text: text.slice(cursor, to), match: false });
  if (to < text.length) parts.push({ text: "…", match: false });
  // Line breaks between paragraphs read as spaces in a one-line snippet.
  return parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, " ") }));
}
