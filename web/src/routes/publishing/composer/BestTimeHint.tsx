import { useQueries } from "@tanstack/react-query";
import { useId } from "react";
import { instantToZonedTime } from "../../../../../shared/zonedTime.js";
import { type BestTimes, bestTimesKey, fetchBestTimes } from "../../../api/bestTime.js";

/** Suggestions for this many channels at most: beyond that the hint would crowd the form. */
const MAX_CHANNELS = 3;
const STYLE_ROW = { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "6px", margin: "4px 0 8px" } as const;

const whenLabel = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));

function Suggestions({
  result,
  timeZone,
  date,
  time,
  onPick,
}: {
  result: BestTimes;
  timeZone: string;
  date: string;
  time: string;
  onPick: (wall: { date: string; time: string }) => void;
}) {
  const name = `${result.network} · ${result.handle}`;
  const offered = result.best.filter((b) => b.next !== null);
  if (result.basis === "none" || offered.length === 0)
    return (
      <p className="field-hint">
        {name}: not enough engagement data yet to suggest a time ({result.account.posts} of {result.minimum.postsInAll} posts needed).
      </p>
    );
  return (
    <div style={STYLE_ROW}>
      <span className="field-hint">
        {name}
        {result.basis === "network" ? ` (from the organisation's ${result.network} accounts)` : ""}:
      </span>
      {offered.map((slot) => {
        const at = slot.next?.at as string;
        const wall = instantToZonedTime(at, timeZone);
        const chosen = wall.date === date && wall.time === time;
        const local = result.timeZone === timeZone ? "" : `, ${slot.next?.time} ${result.timeZone}`;
        return (
          <button
            key={at}
            type="button"
            className={chosen ? "button button-small button-primary" : "button button-small"}
            aria-pressed={chosen}
            title={`${slot.score.toLocaleString()}× the typical engagement, from ${slot.posts} posts${local}`}
            onClick={() => onPick(wall)}
          >
            {whenLabel(at, timeZone)}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The next best hours for the chosen channels, from their own engagement (docs/analytics.md, "Best time to
 * post"); a click puts the time in the schedule fields, on the clock of the zone chosen there.
 */
export function BestTimeHint({
  accountIds,
  timeZone,
  date,
  time,
  onPick,
}: {
  accountIds: string[];
  timeZone: string;
  date: string;
  time: string;
  onPick: (wall: { date: string; time: string }) => void;
}) {
  const headingId = useId();
  const ids = accountIds.slice(0, MAX_CHANNELS);
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: bestTimesKey(id), queryFn: () => fetchBestTimes(id), staleTime: 10 * 60_000 })),
  });
  if (ids.length === 0) return null;
  return (
    <section className="best-time-hint" aria-labelledby={headingId} style={{ margin: "0 0 12px" }}>
      <p id={headingId} className="field-hint">
        <strong>Best times to post</strong>, from each channel's engagement over the last 16 weeks:
      </p>
      {results.map((r, i) =>
        r.data ? (
          <Suggestions key={ids[i]} result={r.data} timeZone={timeZone} date={date} time={time} onPick={onPick} />
        ) : (
          <p key={ids[i]} className="field-hint">
            {r.isError ? "Best times could not be loaded." : "Looking at past engagement…"}
          </p>
        ),
      )}
    </section>
  );
}
