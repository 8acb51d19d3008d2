import type { Database } from "../../db/database.js";

/**
 * The series a stored message counts in: its channel's (the brand as people address it there) and one per
 * listening topic it matched. Series names are stable strings: `channel:<account id>`, `topic:<topic id>`.
 */
export function seriesOf(message: { accountId: string; id: string }, topicIdsOf: ReadonlyMap<string, readonly string[]>): string[] {
  const topics = topicIdsOf.get(message.id);
  const series = [`channel:${message.accountId}`];
  if (topics) for (const topicId of topics) series.push(`topic:${topicId}`);
  return series;
}

export interface SeriesSubject {
  kind: "channel" | "topic";
  id: string;
  /** What people call it: `acme.example (bluesky)`, `topic “Late Flight”`; the raw series when its subject was deleted. */
  name: string;
  /** For a channel: its network and handle. */
  network: string | null;
  handle: string | null;
}

export function parseSeries(series: string): { kind: "channel" | "topic"; id: string } | null {
  const colon = series.indexOf(":");
  const kind = series.slice(0, colon);
  if (kind !== "channel" && kind !== "topic") return null;
  return { kind, id: series.slice(colon + 1) };
}

/** Names the brands and topics behind a set of series (two queries, whatever their number). */
export async function describeSeries(db: Database, series: readonly string[]): Promise<Map<string, SeriesSubject>> {
  const parsed = [...new Set(series)].map((s) => ({ series: s, parsed: parseSeries(s) }));
  const accountIds = parsed.flatMap((p) => (p.parsed?.kind === "channel" ? [p.parsed.id] : []));
  const topicIds = parsed.flatMap((p) => (p.parsed?.kind === "topic" ? [p.parsed.id] : []));
  const accounts =
    accountIds.length > 0
      ? await db.selectFrom("accounts").select(["id", "handle", "network"]).where("id", "in", accountIds).execute()
      : [];
  const topics =
    topicIds.length > 0 ? await db.selectFrom("listening_topics").select(["id", "name"]).where("id", "in", topicIds).execute() : [];
  const out = new Map<string, SeriesSubject>();
  for (const { series: s, parsed: p } of parsed) {
    if (!p) {
      out.set(s, { kind: "channel", id: s, name: s, network: null, handle: null });
    } else if (p.kind === "channel") {
      const account = accounts.find((a) => a.id === p.id);
      out.set(s, {
        kind: "channel",
        id: p.id,
        name: account ? `${account.handle} (${account.network})` : s,
        network: account?.network ?? null,
        handle: account?.handle ?? null,
      });
    } else {
      const topic = topics.find((t) => t.id === p.id);
      out.set(s, { kind: "topic", id: p.id, name: topic ? `topic “${topic.name}”` : s, network: null, handle: null });
    }
  }
  return out;
}
