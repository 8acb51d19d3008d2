import { z } from "zod";
import { Id } from "../../identity/schema.js";

export const PAUSE_SCOPES = ["all", "account", "campaign"] as const;
export type PauseScope = (typeof PAUSE_SCOPES)[number];

export const PauseInput = z.strictObject({
  scope: z.enum(PAUSE_SCOPES).describe("all: every channel; account: one channel (an inventory account); campaign: one campaign's posts"),
  scopeId: Id.optional().describe("The account's or campaign's id; absent for `all`"),
  reason: z.string().max(500).describe("Why, for the people who see the banner and the audit log"),
});
export type PauseInputType = z.infer<typeof PauseInput>;

const Person = z.object({ id: z.string(), name: z.string() }).nullable();

export const PauseView = z
  .object({
    id: z.string(),
    scope: z.enum(PAUSE_SCOPES),
    scopeId: z.string().nullable(),
    scopeLabel: z.string().describe("The channel's handle or the campaign's name when paused; `Everything` for all"),
    reason: z.string(),
    pausedBy: Person,
    pausedAt: z.string(),
    resumedBy: Person,
    resumedAt: z.string().nullable(),
    inForce: z.boolean(),
    held: z
      .object({
        due: z.number().describe("Variants in this scope whose time has come and that wait for the pause to end"),
        late: z.number().describe("Of those, how many are already past the missed window: on resume they are marked missed, not sent"),
      })
      .nullable()
      .describe("For a pause in force (and in the answer to a resume): what it holds"),
  })
  .meta({ id: "PublishPause" });
export type PauseViewType = z.infer<typeof PauseView>;

export const PauseList = z.object({
  inForce: z.array(PauseView),
  recent: z.array(PauseView).describe("The latest resumed pauses, newest first"),
  missedAfterMinutes: z.number().describe("PUBLISH_MISSED_AFTER_MINUTES: held posts later than this are marked missed on resume"),
});
