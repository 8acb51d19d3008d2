import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatInZone } from "../../../../shared/zonedTime.js";
import { type BestTimeSlot, bestTimesKey, fetchBestTimes, hourLabel, WEEKDAYS } from "../../api/bestTime.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { SelectField } from "../../components/SelectField.js";
import { type Column, DataTable } from "./DataTable.js";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const cell = { padding: "2px 0", minWidth: "1.9rem", textAlign: "center", fontSize: "12px", border: "1px solid var(--border)" } as const;

const slotName = (s: { weekday: number; hour: number }) => `${WEEKDAYS[s.weekday - 1]} ${hourLabel(s.hour)}`;

const slotColumns: Column<BestTimeSlot>[] = [
  { header: "Hour of the week", value: slotName },
  { header: "Posts", value: (s) => s.posts, numeric: true },
  { header: "Score (× typical)", value: (s) => s.score, numeric: true },
  { header: "Median engagements", value: (s) => s.medianEngagements, numeric: true },
  { header: "Ranked", value: (s) => (s.ranked ? "yes" : "no") },
];

/** A week of hourly cells: ranked hours shaded by score, hours with too few posts marked but not shaded. */
function HeatMap({ slots, timeZone }: { slots: BestTimeSlot[]; timeZone: string }) {
  const byKey = new Map(slots.map((s) => [s.weekday * 24 + s.hour, s]));
  const top = Math.max(...slots.filter((s) => s.ranked).map((s) => s.score), 0.01);
  return (
    <div className="table-wrap">
      <table style={{ width: "100%", borderCollapse: "collapse", fontVariantNumeric: "tabular-nums" }}>
        <caption className="sr-only">Score per hour of the week, {timeZone} time</caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, border: 0 }}>
              <span className="sr-only">Day</span>
            </th>
            {HOURS.map((h) => (
              <th key={h} scope="col" style={{ ...cell, border: 0, fontWeight: 500, color: "var(--text-muted)" }}>
                {String(h).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, i) => (
            <tr key={day}>
              <th scope="row" style={{ ...cell, border: 0, textAlign: "left", paddingRight: "8px" }}>
                {day.slice(0, 3)}
              </th>
              {HOURS.map((h) => {
                const s = byKey.get((i + 1) * 24 + h);
                const label = s
                  ? `${day} ${hourLabel(h)}: ${s.posts} posts${s.ranked ? `, ${s.score}× typical engagement` : ", too few to rank"}`
                  : `${day} ${hourLabel(h)}: no posts`;
                const shade = s?.ranked ? Math.min(1, s.score / top) : 0;
                return (
                  <td
                    key={h}
                    title={label}
                    aria-label={label}
                    style={{
                      ...cell,
                      background: s?.ranked ? `rgb(47 85 212 / ${(0.12 + 0.78 * shade).toFixed(2)})` : undefined,
                      color: shade > 0.55 ? "#fff" : s?.ranked ? "inherit" : "var(--text-muted)",
                    }}
                  >
                    {s ? (s.ranked ? s.score.toFixed(1) : "·") : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Best time to post on one channel: the heat map of its hours, the best three, and why (or why not). */
export function BestTimePanel({ accounts, accountId }: { accounts: { id: string; network: string; handle: string }[]; accountId: string }) {
  const headingId = useId();
  const [chosen, setChosen] = useState("");
  const selected = chosen || accountId || accounts[0]?.id || "";
  const result = useQuery({ queryKey: bestTimesKey(selected), queryFn: () => fetchBestTimes(selected), enabled: selected !== "" });
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Best time to post</h2>
      {accounts.length === 0 ? (
        <p className="muted">No channels yet.</p>
      ) : (
        <>
          <div className="analytics-filters">
            <SelectField label="Best times for" value={selected} onChange={(e) => setChosen(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.network} · {a.handle}
                </option>
              ))}
            </SelectField>
          </div>
          {result.isPending ? (
            <Loading label="Loading best times…" />
          ) : result.isError ? (
            <ErrorMessage error={result.error} title="Best times could not be loaded" />
          ) : (
            <>
              <p className="muted">{result.data.explanation}</p>
              {result.data.best.length > 0 && (
                <ol>
                  {result.data.best.map((s) => (
                    <li key={`${s.weekday}-${s.hour}`}>
                      <strong>{slotName(s)}</strong> ({result.data.timeZone}): {s.score.toLocaleString()}× the typical engagement, from{" "}
                      {s.posts} posts{s.next ? `; next ${formatInZone(s.next.at, result.data.timeZone)}` : ""}
                    </li>
                  ))}
                </ol>
              )}
              {result.data.slots.length > 0 && (
                <>
                  <HeatMap slots={result.data.slots} timeZone={result.data.timeZone} />
                  <p className="muted analytics-note">
                    Hours on the channel's clock ({result.data.timeZone}). Score: the median post's engagement against the channel's typical
                    post (1 = typical); shaded when the hour has at least {result.data.minimum.postsInSlot} posts, “·” when it has fewer.
                  </p>
                  <DataTable
                    caption="Hours with posts"
                    columns={slotColumns}
                    rows={result.data.slots}
                    rowKey={(s) => `${s.weekday}-${s.hour}`}
                    filename={`best-times-${result.data.handle}.csv`}
                    empty="No posts with engagement data."
                  />
                </>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
