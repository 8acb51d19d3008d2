const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

function decodeOne(match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED[name.toLowerCase()] ?? match;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
  // Lone surrogates and out-of-range code points would make an invalid string: keep the entity as written.
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return match;
  return String.fromCodePoint(code);
}

/**
 * Decodes the HTML entities networks leave in message text (`&amp;`, `&lt;`, `&#39;`, `&#x1F600;`).
 * One pass, so `&amp;lt;` becomes `&lt;` (what the author typed), not `<`. Unknown names are kept.
 */
export function decodeEntities(text: string): string {
  return text.indexOf("&") === -1 ? text : text.replace(ENTITY, decodeOne);
}
