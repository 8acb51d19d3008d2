import { z } from "zod";

const Attainment = z.object({
  met: z.number().describe("Cycles stopped within the target"),
  missed: z.number().describe("Cycles stopped after the target"),
  breachedOpen: z.number().describe("Cycles still running (or paused) that already used more than the target"),
  open: z.number().describe("Cycles still running (or paused) on time"),
  attainment: z.number().nullable().describe("met ÷ (met + missed + breachedOpen), 0–1; null when none was decided"),
});

const ServiceRow = z.object({
  id: z.string(),
  label: z.string(),
  count: z.number(),
  answered: z.number(),
  responseRate: z.number().nullable().describe("Share answered (0–1)"),
  medianFirstResponseMinutes: z.number().nullable().describe("Wall-clock minutes from the first message to the first reply"),
  medianBusinessFirstResponseMinutes: z.number().nullable().describe("Business minutes the stopped first-response clocks ran"),
  resolved: z.number(),
  medianResolutionMinutes: z.number().nullable().describe("Wall-clock minutes from the start to the (latest) resolution"),
  medianBusinessResolutionMinutes: z.number().nullable().describe("Business minutes each stopped resolution clock ran"),
  noSla: z.number().describe("Conversations or requests without any SLA clock"),
  sla: z.object({ first_response: Attainment, next_response: Attainment, resolution: Attainment }),
});

export const ServiceReport = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  inbox: z.object({ teams: z.array(ServiceRow), agents: z.array(ServiceRow) }),
  helpdesk: z.object({ queues: z.array(ServiceRow), agents: z.array(ServiceRow) }),
  truncated: z.boolean(),
  notYet: z.array(z.string()).describe("Service metrics of issue 8 item 5 not reported yet"),
  elsewhere: z
    .array(z.object({ label: z.string(), path: z.string() }))
    .describe("Service metrics of issue 8 item 5 reported on another page of the app"),
});
