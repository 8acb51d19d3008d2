/** A topic's terms compiled into one case-insensitive pattern: words and phrases whole, #hashtags as written. */
export interface TopicMatcher {
  topicId: string;
  /** The terms found in a text (as the topic spells them), empty when none. */
  match(text: string): string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function compileTopic(topicId: string, terms: readonly string[]): TopicMatcher {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter(Boolean))];
  if (cleaned.length === 0) return { topicId, match: () => [] };
  // Longest first, so "acme air" wins over "acme"; a term must not sit inside a longer word or tag.
  const sorted = [...cleaned].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_#@])(${sorted.map((t) => escapeRegExp(t).replace(/\s+/g, "\\s+")).join("|")})(?![\\p{L}\\p{N}_])`,
    "giu",
  );
  const byLower = new Map(cleaned.map((t) => [t.toLowerCase().replace(/\s+/g, " "), t]));
  return {
    topicId,
    match(text) {
      const found = new Set<string>();
      for (const m of text.matchAll(pattern)) {
        const term = byLower.get((m[1] ?? "").toLowerCase().replace(/\s+/g, " "));
        if (term) found.add(term);
      }
      return [...found];
    },
  };
}
