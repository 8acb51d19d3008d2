import { z } from "zod";
import type { Database } from "../../db/database.js";
import type { AlertFigures, AlertRow } from "./alertDetail.js";
import { describeSeries } from "./series.js";

export const AlertSummary = z.object({
  id: z.string(),
  series: z.string(),
  subject: z
    .object({ kind: z.enum(["channel", "topic"]), id: z.string(), name: z.string() })
    .describe("The brand (channel) or listening topic"),
  channel: z.object({ id: z.string(), handle: z.string(), network: z.string() }).nullable(),
  severity: z.string(),
  raisedAt: z.string(),
  spikeStart: z.string(),
  window: z.enum(["recent", "day"]),
  negative: z.number(),
  total: z.number(),
  negativeShare: z.number(),
  baselineNegative: z.number(),
  baselineShare: z.number(),
  ratio: z.number(),
  messageCount: z.number(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type AlertSummaryView = z.infer<typeof AlertSummary>;

/** Alerts as the dashboard lists them: named, with their figures and who is on them. */
export async function alertSummaries(db: Database, rows: readonly AlertRow[]): Promise<AlertSummaryView[]> {
  if (rows.length === 0) return [];
  const subjects = await describeSeries(
    db,
    rows.map((r) => r.series),
  );
  const userIds = [...new Set(rows.flatMap((r) => [r.acknowledged_by, r.resolved_by]).filter((x): x is string => Boolean(x)))];
  const users = userIds.length > 0 ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute() : [];
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
  return rows.map((a) => {
    const figures = JSON.parse(a.figures) as AlertFigures;
    const subject = subjects.get(a.series);
    return {
      id: a.id,
      series: a.series,
      subject: { kind: subject?.kind ?? "channel", id: subject?.id ?? a.series, name: subject?.name ?? a.series },
      channel:
        subject?.kind === "channel" && subject.handle && subject.network
          ? { id: subject.id, handle: subject.handle, network: subject.network }
          : null,
      severity: a.severity,
      raisedAt: a.raised_at,
      spikeStart: a.spike_start,
      window: figures.window.kind,
      negative: figures.window.negative,
      total: figures.window.total,
      negativeShare: figures.window.negativeShare,
      baselineNegative: figures.baseline.negative,
      baselineShare: figures.baseline.negativeShare,
      ratio: figures.ratio,
      messageCount: (JSON.parse(a.message_ids) as string[]).length,
      status: a.resolved_at ? "resolved" : a.acknowledged_at ? "acknowledged" : "open",
      acknowledgedAt: a.acknowledged_at,
      acknowledgedBy: nameOf(a.acknowledged_by),
      resolvedAt: a.resolved_at,
      resolvedBy: nameOf(a.resolved_by),
      resolutionNote: a.resolution_note,
    };
  });
}
