import MarkdownIt, { type PluginWithOptions } from "markdown-it";
import anchor from "markdown-it-anchor";
import attrs from "markdown-it-attrs";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown → sanitised HTML, once, when an article is saved (readers get the stored HTML).
 * markdown-it parses (raw HTML allowed, so authors can use <details> or <kbd>), then
 * sanitize-html keeps only an allowlist: no script, no event handlers, no style, no
 * javascript: or data: links. Headings get stable ids: `## Sales pitch` → `#sales-pitch`, or an
 * explicit `## Link-only posts {#link-only}` where a link must not change when the wording does.
 */

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export interface RenderedArticle {
  html: string;
  /** The words of the article without markup: what search indexes and snippets quote. */
  text: string;
  headings: Heading[];
}

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** GitHub-like: lower case, letters and digits kept (any script), spaces to hyphens, the rest dropped. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);
}

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true })
  // Only `{#id}` is honoured: classes and other attributes would be dropped by the sanitiser anyway.
  // (its types describe markdown-it's CommonJS build; the plugin is the same function)
  .use(attrs as unknown as PluginWithOptions<{ allowedAttributes: string[] }>, { allowedAttributes: ["id"] })
  .use(anchor, { slugify: (s: string) => slugify(s) || "section", tabIndex: false });

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...HEADINGS,
    "p",
    "br",
    "hr",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "code",
    "pre",
    "kbd",
    "mark",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
  ],
  allowedAttributes: {
    ...Object.fromEntries(HEADINGS.map((h) => [h, ["id"]])),
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title", "width", "height"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? "");
      const { target: _target, rel: _rel, ...rest } = attribs;
      return { tagName, attribs: external ? { ...rest, rel: "noopener noreferrer nofollow", target: "_blank" } : rest };
    },
    ...Object.fromEntries(
      HEADINGS.map((h) => [
        h,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const { id, ...rest } = attribs;
          return { tagName, attribs: id && ID.test(id) ? { ...rest, id } : rest };
        },
      ]),
    ),
  },
};

type Token = ReturnType<MarkdownIt["parse"]>[number];

function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.children) walk(token.children);
      else if (token.type === "text" || token.type === "code_inline") parts.push(token.content);
      else if (token.type === "code_block" || token.type === "fence") parts.push(token.content);
      else if (token.type === "softbreak" || token.type === "hardbreak") parts.push(" ");
      if (token.block && token.type.endsWith("_close")) parts.push("\n");
    }
  };
  walk(tokens);
  // Raw HTML an author typed (html_block, html_inline tokens) is not prose and is left out.
  return (
    parts
      .join("")
      // Control characters mark search highlights (search.ts), so they never come from an article.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/[ \t]+/g, " ")
      .replace(/\n{2,}/g, "\n")
      .trim()
  );
}

export function renderMarkdown(source: string): RenderedArticle {
  const env = {};
  const tokens = markdown.parse(source, env);
  const headings: Heading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const id = token.attrGet("id");
    const inline = tokens[i + 1];
    if (id && ID.test(id)) headings.push({ level: Number(token.tag.slice(1)), id, text: inline ? plainText([inline]) : "" });
  });
  const html = sanitizeHtml(markdown.renderer.render(tokens, markdown.options, env), SANITIZE);
  return { html, text: plainText(tokens), headings };
}
