import { recordableUrl } from "../../../connectors/http/redact.js";
import type { Services } from "../../services.js";
import { searchChannels } from "./channels.js";

/** How one channel's searches for a topic are doing (all the topic's terms on that channel together). */
export interface SearchSourceStatus {
  channel: { id: string; network: string; handle: string | null };
  /** The topic's terms this channel searches (each is one search with its own schedule). */
  terms: number;
  /** The latest run of any of them, successful or not; null: not searched yet. */
  lastSearchedAt: string | null;
  /** Whether this channel searches for the topic now (the topic is on and the channel is connected and chosen to search). */
  active: boolean;
  /** The earliest next run; null when it will not run (not active) or before the first run (due at the next job run). */
  nextSearchAt: string | null;
  /** Posts this channel's searches found for the topic, ever. */
  found: number;
  /** Failures in a row of the worst failing term (0: all fine); each failure doubles its wait. */
  failures: number;
  /** Why the most recent failing search failed, with anything secret-looking taken out; null when none is failing. */
  lastError: string | null;
  /** The term whose search failed last; null when none is failing. */
  failingTerm: string | null;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/g;
/** Bearer/basic credentials and long token-like runs that an upstream error may have echoed. */
const CREDENTIAL = /\b(bearer|basic|token|password|secret|apikey|api_key)([\s:="']+)[^\s"',;]+/gi;

/**
 * The stored error as a person may see it. Connector errors carry the network's human message, not
 * credentials, but a network's message may echo a request URL or a header: URLs lose their user info
 * and secret-looking query values, and credential-like pairs are masked.
 */
export function publicSearchError(message: string): string {
  const urls = message.replace(URL_IN_TEXT, (raw) => {
    try {
      return recordableUrl(new URL(raw));
    } catch {
      return "[url]";
    }
  });
  return urls.replace(CREDENTIAL, (_all, name: string, sep: string) => `${name}${sep}[redacted]`);
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Per channel, the state of a topic's network searches: the channels that search now (a row for each,
 * even before its first run) and any that searched before and no longer do (disconnected).
 */
export async function searchStatusOf(
  services: Services,
  topic: { id: string; enabled: boolean; terms: readonly string[] },
): Promise<SearchSourceStatus[]> {
  const { db } = services;
  const [{ channels }, stored, found] = await Promise.all([
    searchChannels(services),
    db
      .selectFrom("listening_searches")
      .select(["account_id", "term", "last_run_at", "next_run_at", "failures", "last_error"])
      .where("topic_id", "=", topic.id)
      .execute(),
    db
      .selectFrom("listening_found")
      .select((eb) => ["account_id", eb.fn.countAll<number>().as("n")])
      .where("topic_id", "=", topic.id)
      .groupBy("account_id")
      .execute(),
  ]);
  // A term taken out of the topic keeps its row (searchTopics leaves it until the topic goes): not shown.
  const rows = stored.filter((r) => topic.terms.includes(r.term));
  const active = new Set(channels.map((c) => c.accountId));
  const ids = [...new Set([...channels.map((c) => c.accountId), ...rows.map((r) => r.account_id)])];
  if (ids.length === 0) return [];
  const accounts = await db.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "in", ids).execute();
  return accounts
    .map((account) => {
      const mine = rows.filter((r) => r.account_id === account.id);
      const failing = mine.filter((r) => r.failures > 0).sort((a, b) => (b.last_run_at ?? "").localeCompare(a.last_run_at ?? ""))[0];
      const searching = topic.enabled && active.has(account.id);
      return {
        channel: { id: account.id, network: account.network, handle: account.handle },
        terms: mine.length,
        lastSearchedAt: mine.reduce<string | null>((at, r) => later(at, r.last_run_at), null),
        active: searching,
        // Before its first run a search is due at once (null here): the next listening.search run, within a minute, takes it.
        nextSearchAt: searching ? mine.reduce<string | null>((at, r) => earlier(at, r.next_run_at), null) : null,
        found: Number(found.find((f) => f.account_id === account.id)?.n ?? 0),
        failures: mine.reduce((n, r) => Math.max(n, r.failures), 0),
        lastError: failing?.last_error ? publicSearchError(failing.last_error) : null,
        failingTerm: failing?.last_error ? failing.term : null,
      };
    })
    .sort((a, b) => a.channel.network.localeCompare(b.channel.network) || (a.channel.handle ?? "").localeCompare(b.channel.handle ?? ""));
}
