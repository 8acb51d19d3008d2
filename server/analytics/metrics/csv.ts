import { stringify } from "csv-stringify/sync";
import { defuse } from "../../reports/csv.js";
import type { ChannelMetricsType } from "./schema.js";

type Cell = string | number | null;
const table = (header: string[], rows: Cell[][]) => stringify([header.map(defuse), ...rows.map((r) => r.map(defuse))]);
/** A metric the network does not offer is written as the words, never as 0 or an empty cell that reads as one. */
const NOT_OFFERED = "not offered";

/** One of the channel dashboard's tables as CSV, with exactly the rows the dashboard shows. */
export function channelCsv(report: ChannelMetricsType, which: "daily" | "posts" | "gaps"): string {
  const { post, notOffered } = report.offered;
  const shown = [...post, ...notOffered.filter((m) => m !== "followers")];
  const cell = (counts: Record<string, number | null>, m: string): Cell => (post.includes(m as never) ? (counts[m] ?? null) : NOT_OFFERED);
  if (which === "daily") {
    const followers = new Map((report.followers?.series ?? []).map((f) => [f.day, f.value]));
    return table(
      ["day", "followers", ...shown, "incomplete"],
      report.daily.map((d) => [
        d.day,
        report.followers ? (followers.get(d.day) ?? null) : NOT_OFFERED,
        ...shown.map((m) => cell(d.values, m)),
        d.incomplete.join(" "),
      ]),
    );
  }
  if (which === "posts") {
    return table(
      ["post_id", "text", "published_at", "url", ...shown.map((m) => `${m}_in_range`), ...shown.map((m) => `${m}_total`)],
      report.topPosts.map((p) => [
        p.postId,
        p.text,
        p.publishedAt,
        p.url,
        ...shown.map((m) => cell(p.growth, m)),
        ...shown.map((m) => cell(p.totals, m)),
      ]),
    );
  }
  return table(
    ["since", "metric", "post_id", "post", "reason"],
    report.gaps.map((g) => [g.since, g.metric, g.postId, g.postText, g.reason]),
  );
}
