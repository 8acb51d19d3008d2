import { type PostText, paragraphs, sentences } from "../text/postText.js";

// Vale scopes are parts of a marked-up document. A post has no headings, tables, lists or code, so:
//   text, summary   -> the post's prose: links and @mentions blanked out, hashtags kept (they are words)
//   paragraph       -> each paragraph of that prose (split at blank lines)
//   sentence        -> each sentence of that prose
//   raw             -> the whole post exactly as written, links and mentions included
//   hashtag, link, mention -> each hashtag, URL or @mention on its own (Switchboard's own scopes)
//   heading*, table*, list, blockquote, code, alt, comment, attr, title, ... -> nothing in a post:
//     such a rule loads and never fires, and the loader says so.
// A negated scope (`~heading`) excludes something a post never has, so it is ignored.

export interface Block {
  text: string;
  /** Offset of `text` in the post. */
  offset: number;
}

export const POST_SCOPES = ["text", "summary", "paragraph", "sentence", "raw", "hashtag", "link", "mention"] as const;

export function isKnownPostScope(scope: string): boolean {
  return scope.startsWith("~") || (POST_SCOPES as readonly string[]).includes(scope);
}

export function blocksFor(scopes: string[], post: PostText): Block[] {
  const blocks: Block[] = [];
  for (const scope of scopes) {
    switch (scope) {
      case "text":
      case "summary":
        blocks.push({ text: post.prose, offset: 0 });
        break;
      case "raw":
        blocks.push({ text: post.text, offset: 0 });
        break;
      case "paragraph":
        for (const p of paragraphs(post.prose)) blocks.push({ text: p.text, offset: p.start });
        break;
      case "sentence":
        for (const s of sentences(post.prose)) blocks.push({ text: s.text, offset: s.start });
        break;
      case "hashtag":
        for (const s of post.hashtags) blocks.push({ text: s.text, offset: s.start });
        break;
      case "link":
        for (const s of post.urls) blocks.push({ text: s.text, offset: s.start });
        break;
      case "mention":
        for (const s of post.mentions) blocks.push({ text: s.text, offset: s.start });
        break;
      default:
        break;
    }
  }
  return blocks;
}
