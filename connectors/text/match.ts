/**
 * A loose form of a post's text for recognising it again on the network, which may shorten links
 * (X's t.co), escape HTML entities or trim whitespace.
 */
export function matchableText(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\bhttps?:\/\/\S+/gi, "<link>")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}

export const sameText = (a: string, b: string) => matchableText(a) === matchableText(b);
