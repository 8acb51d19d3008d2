import type { AccountDetail } from "../../api/types.js";

/**
 * The server a self-hosted account is probably on: the origin of its recorded
 * URL, or the domain of a handle like "@acme@mastodon.social". Only a default
 * for the field; the person confirms it.
 */
export function serverGuess(account: Pick<AccountDetail, "url" | "handle">): string {
  if (account.url) {
    try {
      return new URL(account.url).origin;
    } catch {
      // Not a URL after all: fall through to the handle.
    }
  }
  const domain = /^@?[^@\s]+@([a-z0-9.-]+\.[a-z]{2,})$/i.exec(account.handle.trim())?.[1];
  return domain ? `https://${domain.toLowerCase()}` : "";
}
