import { z } from "zod";
import { Id } from "../../identity/schema.js";

export const PracticeQuery = z.strictObject({
  from: z.iso.date().optional().describe("First UTC day; 30 days before `to` by default (widened to its Monday)"),
  to: z.iso.date().optional().describe("Last UTC day, included; today by default (widened to its Sunday)"),
  accountId: Id.optional().describe("One channel; all channels with activity by default"),
});

export const PracticeRow = z.object({
  week: z.string().optional().describe("The week's Monday (UTC); absent on the totals"),
  posts: z.number().describe("Posts published (talk)"),
  promotional: z.number().describe("Of those, in a campaign or carrying a tracked link"),
  replies: z.number().describe("Replies sent from the inbox (listen)"),
  inbound: z.number().describe("Messages the public sent"),
  conversations: z.number().describe("Conversations the public began"),
  answered: z.number().describe("Of those, answered from the inbox"),
  talkToListen: z.number().nullable().describe("posts ÷ replies; null without replies"),
  pitchRatio: z.number().nullable().describe("promotional ÷ posts; null without posts"),
  responseRate: z.number().nullable().describe("answered ÷ conversations; null without conversations"),
});

export const PracticeReport = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  weeks: z.array(z.string()),
  accounts: z.array(
    z.object({ accountId: z.string(), network: z.string(), handle: z.string(), total: PracticeRow, weeks: z.array(PracticeRow) }),
  ),
  definitions: z.array(z.string()),
  truncated: z.boolean(),
});
