import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { isReasonLabel, isSentiment, REASON_LABELS, type ReasonLabel, SENTIMENTS, type Sentiment } from "./labels.js";

/** One labelled message of a CSV in the airline dataset's shape. */
export interface LabelledRow {
  /** Line of the CSV where the record starts (1 is the header). */
  line: number;
  tweetId: string;
  sentiment: Sentiment;
  /** The complaint reason of a negative row; null when empty or the row is not negative. */
  reason: ReasonLabel | null;
  /** As in the file: HTML entities not decoded. */
  text: string;
}

export const REQUIRED_COLUMNS = ["tweet_id", "airline_sentiment", "negativereason", "text"] as const;

export class DatasetError extends Error {
  override readonly name = "DatasetError";
}

/** Parses and checks a labelled CSV (columns tweet_id, airline_sentiment, negativereason, text; others are ignored). */
export function parseDataset(csv: string, source = "the CSV"): LabelledRow[] {
  if (csv.trim() === "") throw new DatasetError(`${source} is empty`);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, info: true });
  } catch (error) {
    throw new DatasetError(`${source} is not valid CSV: ${(error as Error).message}`);
  }
  const header = parse(csv, { bom: true, to_line: 1 })[0] as string[] | undefined;
  const missing = REQUIRED_COLUMNS.filter((c) => !header?.map((h) => h.trim()).includes(c));
  if (missing.length > 0)
    throw new DatasetError(`${source} lacks the column(s) ${missing.join(", ")} (required: ${REQUIRED_COLUMNS.join(", ")})`);
  if (records.length === 0) throw new DatasetError(`${source} has a header but no rows`);
  return records.map(({ record, info }) => {
    const line = info.lines;
    const tweetId = (record.tweet_id ?? "").trim();
    const sentiment = (record.airline_sentiment ?? "").trim();
    const reason = (record.negativereason ?? "").trim();
    if (tweetId === "") throw new DatasetError(`${source}, line ${line}: empty tweet_id`);
    if (!isSentiment(sentiment))
      throw new DatasetError(`${source}, line ${line}: unknown airline_sentiment "${sentiment}" (expected ${SENTIMENTS.join(", ")})`);
    if (reason !== "" && !isReasonLabel(reason))
      throw new DatasetError(
        `${source}, line ${line}: unknown negativereason "${reason}" (expected one of ${REASON_LABELS.join(", ")}, or empty)`,
      );
    return {
      line,
      tweetId,
      sentiment,
      reason: sentiment === "negative" && reason !== "" ? (reason as ReasonLabel) : null,
      text: record.text ?? "",
    };
  });
}

export function readDataset(file: string): LabelledRow[] {
  let csv: string;
  try {
    csv = readFileSync(file, "utf8");
  } catch (error) {
    throw new DatasetError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseDataset(csv, file);
}
