import { describe, expect, it } from "vitest";
import { decodeEntities } from "./decodeEntities.js";

describe("decodeEntities", () => {
  it("decodes the entities the airline tweets carry", () => {
    expect(decodeEntities("@united delayed 3 hrs &amp; no food &lt;3 &gt;:(")).toBe("@united delayed 3 hrs & no food <3 >:(");
    expect(decodeEntities("&quot;entertainment&quot; it&#39;s &#x1F600;")).toBe('"entertainment" it\'s 😀');
  });

  it("decodes once: an escaped entity stays what the author typed", () => {
    expect(decodeEntities("&amp;lt;")).toBe("&lt;");
  });

  it("keeps unknown names, invalid code points and bare ampersands as written", () => {
    expect(decodeEntities("AT&T &bogus; &#xD800; &#1114112; R&D & co")).toBe("AT&T &bogus; &#xD800; &#1114112; R&D & co");
  });

  it("returns text without entities unchanged", () => {
    const text = "no entities here";
    expect(decodeEntities(text)).toBe(text);
  });
});
