import { z } from "zod";

const ServiceRow = z.object({
  id: z.string(),
  label: z.string(),
  count: z.number(),
  answered: z.number(),
  responseRate: z.number().nullable().describe("Share answered (0–1)"),
  medianFirstResponseMinutes: z.number().nullable(),
  resolved: z.number(),
  medianResolutionMinutes: z.number().nullable(),
});

export const ServiceReport = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  inbox: z.object({ teams: z.array(ServiceRow), agents: z.array(ServiceRow) }),
  helpdesk: z.object({ queues: z.array(ServiceRow), agents: z.array(ServiceRow) }),
  truncated: z.boolean(),
  notYet: z.array(z.string()).describe("Service metrics of issue 8 item 5 not reported yet"),
});
