import { describe, expect, it } from "vitest";
import { checkPost } from "../../constraints.js";
import { graphemeLength } from "../../text/length.js";
import { serviceUrlOf } from "../endpoints.js";
import { blueskyConnector as bluesky } from "../index.js";
import { recordKeyFor } from "../recordKey.js";

const codes = (post: Parameters<typeof checkPost>[1]) => checkPost(bluesky, post).map((v) => v.code);
const image = (mimeType = "image/png") => ({ url: "https://media.example/a", mimeType });

describe("Bluesky constraints", () => {
  it("counts 300 graphemes: a ZWJ family, a skin tone, a flag or a combining accent is one", () => {
    expect(graphemeLength("👩‍👩‍👧")).toBe(1);
    expect(graphemeLength("👍🏽🇩🇪e\u0301")).toBe(3);
    expect(codes({ text: "a".repeat(300) })).toEqual([]);
    expect(codes({ text: "a".repeat(301) })).toEqual(["text_too_long"]);
    expect(codes({ text: "👩‍👩‍👧".repeat(300) })).toEqual([]);
    expect(codes({ text: `${"👍🏽".repeat(299)}e\u0301` })).toEqual([]);
    expect(codes({ text: `${"👍🏽".repeat(300)}e\u0301` })).toEqual(["text_too_long"]);
  });

  it("allows four JPEG, PNG, WebP or GIF images, and an image without text", () => {
    expect(codes({ text: "", media: [image("image/jpeg"), image("image/png"), image("image/webp"), image("image/gif")] })).toEqual([]);
    expect(codes({ text: "five", media: [1, 2, 3, 4, 5].map(() => image()) })).toEqual(["too_many_media"]);
    expect(codes({ text: "clip", media: [image("video/mp4")] })).toEqual(["media_type_not_allowed"]);
    expect(codes({ text: "" })).toEqual(["text_required"]);
    expect(bluesky.constraints.media.types["image/png"]).toBe(1_000_000);
  });
});

describe("Bluesky record keys", () => {
  it("derives a valid TID from the idempotency key: the same key gives the same record key", () => {
    const key = recordKeyFor("post-42-attempt-1");
    expect(key).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(recordKeyFor("post-42-attempt-1")).toBe(key);
    const keys = new Set(Array.from({ length: 1000 }, (_, i) => recordKeyFor(`post-${i}`)));
    expect(keys.size).toBe(1000);
  });

  it("keeps the time inside a TID in the past (2023 to 2025), whatever the key", () => {
    const ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    for (let i = 0; i < 200; i++) {
      let value = 0n;
      for (const c of recordKeyFor(`k${i}`)) value = (value << 5n) | BigInt(ALPHABET.indexOf(c));
      const ms = Number(value >> 10n) / 1000;
      expect(ms).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
      expect(ms).toBeLessThan(Date.UTC(2025, 3, 1));
    }
  });
});

describe("Bluesky service address", () => {
  it("signs in at bsky.social unless a PDS is given; a bsky.app profile link means Bluesky hosts the account", () => {
    expect(serviceUrlOf(undefined)).toBe("https://bsky.social");
    expect(serviceUrlOf("https://bsky.app/profile/alice.bsky.social")).toBe("https://bsky.social");
    expect(serviceUrlOf("https://pds.example.org/some/path")).toBe("https://pds.example.org");
    expect(bluesky.baseUrlOf?.(new URL("https://bsky.app/profile/x"))).toBe("https://bsky.social");
  });
});
