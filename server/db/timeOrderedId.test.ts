import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./timeOrderedId.js";

describe("time-ordered ids", () => {
  it("are version 7 UUIDs that sort in the order they were made, even within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(1_700_000_000_000));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(timeOrderedId(1_800_000_000_000) > (ids.at(-1) as string)).toBe(true);
    // The random part is random: all four variant characters occur, and no two ids share their last 12 characters.
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(["8", "9", "a", "b"]));
    expect(new Set(ids.map((id) => id.slice(24))).size).toBe(ids.length);
  });
});
