import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { CrisisObservation } from "../types.js";

/** One labelled tweet of airline-mentions.csv (../shared/data/README.md); `text` is not needed here. */
export interface AirlineMention {
  tweet_id: string;
  airline_sentiment: string;
  negativereason: string;
  airline: string;
  tweet_created: string;
}

/**
 * `M/D/YYYY H:MM` on the collection's local clock, as epoch milliseconds of the same wall-clock
 * time in UTC: the replay runs the detector at UTC offset 0, so its days are the data's local days.
 */
export function parseTweetCreated(value: string): number {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) throw new RangeError(`Unreadable tweet_created: ${value}`);
  const [, month, day, year, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Reads the CSV (plain or gzipped), keeping the columns the detector needs. */
export function readAirlineMentions(file: string): AirlineMention[] {
  const raw = readFileSync(file);
  const text = file.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
  return parse(text, { columns: true, skip_empty_lines: true }) as AirlineMention[];
}

export const brandSeries = (airline: string) => `brand:${airline}`;
export const reasonSeries = (airline: string, reason: string) => `brand:${airline}|reason:${reason}`;

/**
 * The mentions as a stream in time order (ties keep file order): negative means the human
 * annotators said so; each mention is in its airline's series and, when negative with a reason,
 * in the airline+reason series.
 */
export function airlineObservations(
  mentions: readonly AirlineMention[],
  options: { reasons?: boolean } = {},
): (CrisisObservation & { at: number })[] {
  return mentions
    .map((m) => {
      const negative = m.airline_sentiment === "negative";
      const series = [brandSeries(m.airline)];
      if (options.reasons && negative && m.negativereason) series.push(reasonSeries(m.airline, m.negativereason));
      return { at: parseTweetCreated(m.tweet_created), series, negative, id: m.tweet_id };
    })
    .sort((a, b) => a.at - b.at);
}
