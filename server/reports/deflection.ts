import type { Database } from "../db/database.js";
import { DEFLECTION_WINDOW_DAYS } from "../kb/suggestions.js";
import { listTypes } from "../requests/config.js";
import { DAY_MS } from "../training/model.js";
import { column, percent, type ReportDefinition, type ReportRange, type ReportTable } from "./model.js";

const WINDOW_MS = DEFLECTION_WINDOW_DAYS * DAY_MS;

interface Counts {
  sessions: number;
  shown: number;
  clicked: number;
  solved: number;
  filedAnyway: number;
  notDeflected: number;
  deflected: number;
  noOutcome: number;
}

/**
 * Knowledge-base deflection from the request form's suggestion sessions started in the range, by the
 * request type chosen on the form. A session ends one of four ways: a request filed without "this
 * solved it" (filed anyway); "this solved it" and then a request of the same type by the same person
 * within DEFLECTION_WINDOW_DAYS (not deflected); "this solved it" and nothing filed (deflected); or
 * nothing at all (no outcome: the person left). The rate is deflected over sessions that showed articles.
 */
export async function deflection(db: Database, range: ReportRange): Promise<ReportTable> {
  const sessions = await db
    .selectFrom("kb_suggestion_sessions")
    .selectAll()
    .where("created_at", ">=", range.from)
    .where("created_at", "<", range.to)
    .execute();
  const solvedBy = [...new Set(sessions.filter((s) => s.solved_at !== null).map((s) => s.user_id))];
  // Requests filed after a "this solved it", whether or not the form linked them to the session.
  const later =
    solvedBy.length === 0
      ? []
      : await db
          .selectFrom("requests")
          .select(["requester_id", "type", "created_at"])
          .where("requester_id", "in", solvedBy)
          .where("created_at", ">=", range.from)
          .execute();
  const refiled = (s: (typeof sessions)[number]) => {
    if (s.request_id !== null) return true;
    if (s.solved_at === null || s.request_type === null) return false;
    const solved = Date.parse(s.solved_at);
    return later.some(
      (r) =>
        r.requester_id === s.user_id &&
        r.type === s.request_type &&
        Date.parse(r.created_at) >= solved &&
        Date.parse(r.created_at) <= solved + WINDOW_MS,
    );
  };

  const types = await listTypes(db);
  const byType = new Map<string, Counts>();
  const empty = (): Counts => ({
    sessions: 0,
    shown: 0,
    clicked: 0,
    solved: 0,
    filedAnyway: 0,
    notDeflected: 0,
    deflected: 0,
    noOutcome: 0,
  });
  const total = empty();
  for (const s of sessions) {
    const key = s.request_type ?? "";
    const n = byType.get(key) ?? empty();
    const shown = (JSON.parse(s.shown) as string[]).length > 0;
    const clicked = (JSON.parse(s.clicked) as string[]).length > 0;
    for (const c of [n, total]) {
      c.sessions += 1;
      if (shown) c.shown += 1;
      if (clicked) c.clicked += 1;
      if (s.solved_at !== null) {
        c.solved += 1;
        if (refiled(s)) c.notDeflected += 1;
        else c.deflected += 1;
      } else if (s.request_id !== null) c.filedAnyway += 1;
      else c.noOutcome += 1;
    }
    byType.set(key, n);
  }
  const present = (label: string, c: Counts) => ({ type: label, ...c, rate: percent(c.deflected, c.shown) });
  const rows = [
    ...types.filter((t) => byType.has(t.key)).map((t) => present(t.name, byType.get(t.key) as Counts)),
    ...[...byType.keys()].filter((k) => k !== "" && !types.some((t) => t.key === k)).map((k) => present(k, byType.get(k) as Counts)),
    ...(byType.has("") ? [present("No type chosen", byType.get("") as Counts)] : []),
  ];
  return {
    columns: [
      column("type", "Request type"),
      column("sessions", "Sessions"),
      column("shown", "Shown articles"),
      column("clicked", "Opened one"),
      column("solved", "“This solved it”"),
      column("deflected", "Deflected"),
      column("notDeflected", `Filed within ${DEFLECTION_WINDOW_DAYS} days anyway`),
      column("filedAnyway", "Filed a request"),
      column("noOutcome", "No outcome"),
      column("rate", "Deflection %"),
    ],
    rows: sessions.length === 0 ? [] : [...rows, present("Total", total)],
  };
}

export const deflectionReport: ReportDefinition = {
  name: "deflection",
  title: "Knowledge-base deflection",
  permission: "requests.manage",
  ranged: true,
  build: (db, range) => deflection(db, range),
};
