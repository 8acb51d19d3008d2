/**
 * The one error a connector throws on purpose. Callers branch on `kind`, never on `message`.
 * `message` carries the network's own reason (scrubbed of secrets) so a person can act on it.
 */
export type ConnectorErrorKind =
  /** The credentials were refused: the account needs reconnecting. */
  | "auth_expired"
  /** Too many requests; try again after `resetAt`. */
  | "rate_limited"
  /** The network refused the content or the request (validation, duplicate, policy). Retrying will not help. */
  | "rejected"
  /** The network could not be reached or failed (5xx, refused connection, DNS). Nothing was done; retry later. */
  | "unavailable"
  /** The request was sent but no answer came back: the post may exist. Reconcile, never retry blindly. */
  | "unknown_outcome"
  /** The thing asked for does not exist (e.g. deleting a post already gone). */
  | "not_found";

export interface ConnectorErrorOptions {
  network: string;
  status?: number;
  /** The network's own error code, e.g. Meta's `190` or LinkedIn's `INVALID_ACCESS_TOKEN`. */
  networkCode?: string;
  resetAt?: Date;
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly network: string;
  readonly status: number | undefined;
  readonly networkCode: string | undefined;
  readonly resetAt: Date | undefined;

  constructor(kind: ConnectorErrorKind, message: string, options: ConnectorErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectorError";
    this.kind = kind;
    this.network = options.network;
    this.status = options.status;
    this.networkCode = options.networkCode;
    this.resetAt = options.resetAt;
  }
}

export const isConnectorError = (error: unknown, kind?: ConnectorErrorKind): error is ConnectorError =>
  error instanceof ConnectorError && (kind === undefined || error.kind === kind);

/** Replaces every known secret in a text taken from a network (an error message may echo what it was sent). */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

const LABELS: Readonly<Record<string, string>> = {
  x: "X",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  linkedin: "LinkedIn",
  facebook: "Facebook",
  instagram: "Instagram",
  wordpress: "WordPress",
  rss: "RSS",
};

/** The name a person knows a network by, for messages. */
export const networkLabel = (network: string) => LABELS[network] ?? network;
