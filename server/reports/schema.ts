import { z } from "zod";
import { REPORT_NAMES } from "./model.js";

export const ReportName = z.enum(REPORT_NAMES);

export const ReportView = z
  .object({
    name: ReportName,
    title: z.string(),
    ranged: z.boolean().describe("Whether the date range filters it; the others are a snapshot as of now"),
    range: z.object({ from: z.string(), to: z.string() }).nullable().describe("The days covered, both included"),
    generatedAt: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: "Report" });

export const ReportListView = z.object({
  reports: z.array(z.object({ name: ReportName, title: z.string(), ranged: z.boolean() })),
});
