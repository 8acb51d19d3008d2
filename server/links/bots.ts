import { isbot } from "isbot";

const MAX_REMEMBERED = 2000;
const verdicts = new Map<string, boolean>();

/**
 * Crawlers, link unfurlers (Slack, WhatsApp, facebookexternalhit), monitors and scripts, by the `isbot`
 * package's maintained user-agent patterns; a request without a user agent counts as a bot too. The
 * verdict of a user agent is remembered, since the same few agents send most requests and the pattern
 * is one large regular expression.
 */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  const known = verdicts.get(userAgent);
  if (known !== undefined) return known;
  const verdict = isbot(userAgent);
  if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
  verdicts.set(userAgent, verdict);
  return verdict;
}
