/**
 * What a person typed → search terms the database cannot misread. FTS5 and to_tsquery both have
 * operator syntax (quotes, NEAR, AND/OR/NOT, `*`, `:`, `&`, `!`, parentheses, column filters) that
 * fails with a syntax error on careless input; only runs of letters and digits survive here, and
 * each is quoted (FTS5) or is a bare lexeme (tsquery), so no input can produce a query error.
 */

// Common English words that carry no meaning for search. PostgreSQL's english configuration drops
// these itself; FTS5 has no stop list, so without this "how do I" would match every article.
const STOP_WORDS = new Set(
  (
    "a about an and are as at be been but by can could do does did for from had has have how i if in into is it its " +
    "me my no not of on or our so than that the their them then there these they this to too was we were what when " +
    "where which who why will with would you your"
  ).split(" "),
);

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 40;

export interface SearchTerms {
  terms: string[];
  /** The last term is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

export function searchTerms(query: string, options: { prefix?: boolean } = {}): SearchTerms {
  const words = (
    query
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map((w) => w.slice(0, MAX_TERM_LENGTH));
  const typingLast = options.prefix === true && /[\p{L}\p{N}]$/u.test(query);
  const kept: string[] = [];
  words.forEach((word, i) => {
    const isLast = i === words.length - 1;
    // A stop word being typed may be the start of a real word ("wh" → "whatsapp"): keep it as a prefix.
    if (STOP_WORDS.has(word) && !(isLast && typingLast)) return;
    if (!kept.includes(word)) kept.push(word);
  });
  const terms = kept.slice(0, MAX_TERMS);
  const last = words.at(-1);
  return { terms, prefixLast: typingLast && last !== undefined && terms.at(-1) === last && last.length >= 3 };
}

/** FTS5 MATCH syntax: every term quoted; `all` joins them with AND (FTS5's default), otherwise OR. */
export function fts5Match({ terms, prefixLast }: SearchTerms, all: boolean): string {
  const quoted = terms.map((t, i) => `"${t}"${prefixLast && i === terms.length - 1 ? "*" : ""}`);
  return quoted.join(all ? " " : " OR ");
}

/** to_tsquery syntax: bare lexemes (letters and digits only) joined by & or |, the last as a prefix. */
export function tsQuery({ terms, prefixLast }: SearchTerms, all: boolean): string {
  const parts = terms.map((t, i) => `${t}${prefixLast && i === terms.length - 1 ? ":*" : ""}`);
  return parts.join(all ? " & " : " | ");
}
