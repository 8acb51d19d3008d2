import { describe, expect, it } from "vitest";
import { toArticle } from "./article.js";
import { htmlToText } from "./html.js";

describe("a post as an article (WordPress, hosted feeds)", () => {
  it("takes a short first line as the title and the rest as paragraphs", () => {
    expect(toArticle("Opening hours\r\nFrom 8.\nUntil 6.\n\n\nSee https://example.org/hours.")).toEqual({
      title: "Opening hours",
      text: "From 8.\nUntil 6.\n\n\nSee https://example.org/hours.",
      html: '<p>From 8.<br />\nUntil 6.</p>\n<p>See <a href="https://example.org/hours">https://example.org/hours</a>.</p>',
    });
  });

  it("titles a single line (or a long first line) with its start, cut at a word, and keeps the whole text", () => {
    const text = "We are delighted to announce that the library will open a second branch in the harbour district next spring";
    const article = toArticle(text);
    expect(article.title).toBe("We are delighted to announce that the library will open a second branch in the…");
    expect(article.text).toBe(text);
    expect(toArticle(`${"x".repeat(201)}\nmore`).title).toHaveLength(80);
  });

  it("escapes everything but its own markup", () => {
    expect(toArticle("T\n<script>alert(\"x\")</script> & 'y'").html).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>",
    );
  });

  it("reads HTML back as text, numeric entities included", () => {
    expect(htmlToText("<p>It&#8217;s <b>free</b> &amp; open&#x21;</p><p>Line<br/>two &bogus; &#0;</p>")).toBe(
      "It’s free & open!\n\nLine\ntwo &bogus; &#0;",
    );
  });
});
