import { z } from "zod";
import { Id } from "../../identity/schema.js";

export const BestTimesQuery = z.strictObject({ accountId: Id.describe("The channel (account) to suggest times for") });

const SlotFields = {
  weekday: z.number().int().min(1).max(7).describe("ISO weekday on the account's wall clock: 1 Monday … 7 Sunday"),
  hour: z.number().int().min(0).max(23).describe("Hour on the account's wall clock"),
  posts: z.number().describe("Posts with engagement data in this slot"),
  score: z.number().describe("Median of each post's engagement ÷ its account's median engagement (1 = typical)"),
  medianEngagements: z.number().describe("Median engagements per post in the slot"),
  ranked: z.boolean().describe("Whether the slot has the minimum number of posts to be ranked"),
};

export const BestTimes = z.object({
  accountId: z.string(),
  network: z.string(),
  handle: z.string(),
  timeZone: z.string().describe("The account's local time zone: its posting queue's, else the one its posts were scheduled in, else UTC"),
  timeZoneSource: z.enum(["queue", "posts", "default"]),
  window: z.object({ from: z.string(), to: z.string(), weeks: z.number() }),
  minimum: z.object({ postsInSlot: z.number(), postsInAll: z.number() }),
  basis: z
    .enum(["account", "network", "none"])
    .describe("account: its own data; network: the organisation's accounts on the same network; none: not enough data"),
  account: z.object({ published: z.number(), posts: z.number().describe("Of those, posts with engagement data") }),
  pool: z
    .object({ posts: z.number(), accounts: z.number().describe("Other accounts on the network with data") })
    .nullable()
    .describe("The fallback pool, when the account's own data was not enough"),
  slots: z.array(z.object(SlotFields)).describe("Every slot with posts, Monday 00:00 first; empty when there is not enough data"),
  best: z
    .array(
      z.object({
        ...SlotFields,
        next: z
          .object({ at: z.string(), date: z.string(), time: z.string() })
          .nullable()
          .describe("When the slot next comes round, as an instant and on the account's wall clock"),
      }),
    )
    .describe("Up to three ranked slots, best first"),
  explanation: z.string(),
});
