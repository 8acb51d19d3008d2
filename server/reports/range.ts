import { z } from "zod";
import { badRequest } from "../errors.js";
import type { ReportRange } from "./model.js";

const DAY_MS = 86_400_000;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD");

export const RangeQuery = z.strictObject({
  from: Day.optional().describe("First day, UTC (default: 29 days before `to`)"),
  to: Day.optional().describe("Last day, UTC, included (default: today)"),
});

const dayStart = (day: string, name: string): number => {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw badRequest("invalid_range", `${name} is not a day.`);
  return ms;
};

/** Whole UTC days from `from` to `to`, both included, as the half-open instants [from, to + 1 day). */
export function parseRange(query: z.output<typeof RangeQuery>, now: number): ReportRange & { fromDay: string; toDay: string } {
  const to = query.to ? dayStart(query.to, "to") : dayStart(new Date(now).toISOString().slice(0, 10), "to");
  const from = query.from ? dayStart(query.from, "from") : to - 29 * DAY_MS;
  if (from > to) throw badRequest("invalid_range", "from is after to.");
  if (to - from > 3660 * DAY_MS) throw badRequest("invalid_range", "A report covers ten years at most.");
  const iso = (ms: number) => new Date(ms).toISOString();
  return { from: iso(from), to: iso(to + DAY_MS), fromDay: iso(from).slice(0, 10), toDay: iso(to).slice(0, 10) };
}
