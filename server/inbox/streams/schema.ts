import { z } from "zod";

/** A channel's live stream in the account's connection details (`null`: the network has none, or it is not running). */
export const StreamHealthSchema = z
  .object({
    network: z.string(),
    state: z.enum(["connecting", "connected", "reconnecting", "off"]),
    since: z.string(),
    nextAttemptAt: z.string().nullable().describe("While reconnecting: when the next attempt is due"),
    lastError: z.string().nullable().describe("Why the last connection ended; shown only to people with view access"),
    failures: z.number().int(),
    received: z.number().int().describe("Items received since the server started"),
    malformed: z.number().int().describe("Lines or events that could not be read (skipped)"),
  })
  .meta({ id: "StreamHealth" });
