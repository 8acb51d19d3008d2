/**
 * The contract between the server and every network connector. The server owns accounts, the
 * vault, locks and scheduling; a connector only knows how to talk to one network.
 */
import type { HttpClient } from "./http/types.js";
import type { TokenKeeper } from "./tokens.js";

export type { HttpClient } from "./http/types.js";
export type { TokenKeeper } from "./tokens.js";

/** What a network lets a connector do. A method a network does not support is absent from its client. */
export interface Capabilities {
  publishText: boolean;
  publishMedia: boolean;
  /** A post may reply to the account's own previous post (`OutgoingPost.inReplyTo`). */
  publishThread: boolean;
  delete: boolean;
  readMentions: boolean;
  readComments: boolean;
  readDirectMessages: boolean;
  reply: boolean;
  metrics: boolean;
  search: boolean;
}

/**
 * How a network counts text. `graphemes`: user-perceived characters; `x-weighted`: X's weighted
 * length (most CJK and emoji count 2, every URL counts 23); `mastodon`: graphemes with every URL
 * counted as 23 and remote mentions as their local part; `code-points`: Unicode code points.
 */
export type TextCounting = "graphemes" | "x-weighted" | "mastodon" | "code-points";

export interface TextConstraint {
  maxLength: number;
  counting: TextCounting;
  /** Whether a post may have no text at all (e.g. a photo without caption). */
  optional: boolean;
}

export interface MediaConstraint {
  required: boolean;
  maxCount: number;
  /** MIME type → largest accepted file in bytes. */
  types: Readonly<Record<string, number>>;
  /** The network's image description (alt text): its longest length in characters, and whether it must be given. */
  altText?: { maxLength: number; required: boolean };
}

export interface Constraints {
  text: TextConstraint;
  media: MediaConstraint;
  maxHashtags?: number;
  maxMentions?: number;
}

export type AuthMethod =
  | {
      kind: "oauth2";
      pkce: boolean;
      scopes: readonly string[];
      /**
       * `rotating`: each refresh returns a new refresh token and invalidates the old one (persist it at once);
       * `reusable`: the refresh token stays valid until its own expiry; `none`: tokens do not expire or cannot be refreshed.
       */
      refresh: "rotating" | "reusable" | "none";
      /** `operator`: one app registered once by the operator; `per-instance`: registered automatically on each server (Mastodon). */
      appRegistration: "operator" | "per-instance";
    }
  | { kind: "app_password" }
  | { kind: "api_key" }
  /** Nothing to sign in with (a public feed): connecting checks the account works and stores no credentials. */
  | { kind: "none" };

export interface RateWindow {
  applies: string;
  limit: number;
  windowSeconds: number;
  scope: "user" | "app" | "page" | "account";
}

export interface RateLimitModel {
  /** `headers`: remaining/reset on every response; `usage`: Meta's percentage headers; `quota`: documented daily quotas only. */
  source: "headers" | "usage" | "quota";
  windows: readonly RateWindow[];
  notes: string;
}

/**
 * How the server settles an `unknown_outcome` publish. `idempotency-key`: publish again with the same key
 * within `windowSeconds` and the network returns the existing post; `lookup`: call `findPublished`;
 * `none`: a person must check.
 */
export type Reconciliation = { kind: "idempotency-key"; windowSeconds: number } | { kind: "lookup" } | { kind: "none" };

export interface Profile {
  /** The network's stable id (for LinkedIn, the author URN). */
  externalId: string;
  handle: string;
  displayName: string;
  url: string | null;
}

/** Plain secret values, handed in by the server's vault at call time and never stored by a connector. */
export interface Credentials {
  accessToken: string;
  /** The user name an app password belongs to, when it is not the account's handle (WordPress: the user's login). */
  identifier?: string;
  refreshToken?: string;
  expiresAt?: Date;
  refreshTokenExpiresAt?: Date;
  scopes?: readonly string[];
}

/** The app registered on the network (client id/secret); per instance for Mastodon. */
export interface AppCredentials {
  clientId: string;
  clientSecret?: string;
}

export interface AccountRef {
  externalId?: string;
  handle?: string;
  /** For self-hosted networks: the server's address, e.g. "https://mastodon.social" (see `Connector.baseUrlOf`). */
  baseUrl?: string;
  /** The account's address as recorded in the inventory; for a feed, the feed's own URL. */
  url?: string;
}

export interface MediaItem {
  /** A URL the network can fetch (Instagram downloads media itself). */
  url: string;
  mimeType: string;
  altText?: string;
  /** The file itself, when the server has it at hand: connectors that upload send these bytes instead of downloading `url`. */
  bytes?: Uint8Array;
  /** The file's size, when known before it is read (checked against the network's limit). */
  byteSize?: number;
}

export interface OutgoingPost {
  text: string;
  media?: readonly MediaItem[];
  /** Remote id of the account's own post this one continues (threads). */
  inReplyTo?: string;
}

export interface PublishOptions {
  /** Stable per publish attempt: the same key for a retry of the same post. */
  idempotencyKey: string;
}

export interface Published {
  remoteId: string;
  url: string | null;
}

export interface InboundAuthor {
  externalId: string;
  handle: string | null;
  displayName: string | null;
}

export interface InboundItem {
  remoteId: string;
  kind: "mention" | "comment";
  text: string;
  createdAt: Date;
  author: InboundAuthor;
  url: string | null;
  /** The remote id this item answers, when the network says. */
  inReplyTo: string | null;
  /** The remote id of the post its thread hangs on (a Bluesky reply's root), when the network says. */
  threadRoot?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next (older) page. `null`: no more. */
  nextCursor: string | null;
}

/** One item of a feed Switchboard hosts for an account (served at `/feeds/<handle>.rss` and `.atom`). */
export interface FeedItemInput {
  /** Stable for the post: writing the same id again returns the item already there. */
  itemId: string;
  title: string;
  html: string;
  text: string;
  link: string | null;
}

/**
 * Where a feed Switchboard hosts keeps its items. Implemented by the server (connectors never see the
 * database) and handed in through `ConnectorContext.feedStore`, scoped to one account.
 */
export interface FeedStore {
  /** Adds the item, or returns the one already stored under `itemId`; `url` is the public feed's address. */
  put(item: FeedItemInput): Promise<{ itemId: string; url: string }>;
  /** Resolves when the item is gone from the feed, including when it was never there or already removed. */
  remove(itemId: string): Promise<void>;
}

/**
 * A count a network reports. Networks return running totals (lifetime for a post, current for an account's
 * followers): the server stores each reading as a snapshot and derives deltas itself.
 */
export type MetricName = "followers" | "impressions" | "engagements" | "likes" | "replies" | "shares" | "link_clicks" | "video_views";

/** Which metrics a network offers and how far back it lets us ask. Absent metrics show as "not offered". */
export interface MetricsSupport {
  /** Account-level metrics (followers). */
  account: readonly MetricName[];
  /** Per-post metrics. */
  post: readonly MetricName[];
  /** Posts older than this many days cannot be asked about (X private metrics: 30); null: no limit. */
  postWindowDays: number | null;
  /** How often collection should run for this network, in minutes (Facebook insights update daily). */
  intervalMinutes: number;
  /** How far back a first collection (on connect) goes, in days. */
  backfillDays: number;
}

export interface MetricReading {
  metric: MetricName;
  /** The running total as the network reports it. */
  value: number;
}

export interface PostMetrics {
  /** The network's id of the account's post (as `Published.remoteId`). */
  remoteId: string;
  readings: readonly MetricReading[];
  /** Metrics the network normally offers but did not return for this post (withdrawn, deleted post…). */
  missing?: readonly MetricName[];
}

export interface MetricsReport {
  account: readonly MetricReading[];
  posts: readonly PostMetrics[];
  /** Offered metrics the network did not return this time (a withdrawn metric): recorded as gaps, not zero. */
  missingAccount?: readonly MetricName[];
}

export interface ConnectorContext {
  account: AccountRef;
  app: AppCredentials;
  credentials: Credentials;
  http: HttpClient;
  /** Refreshes expiring credentials under the server's per-account lock. */
  tokens: TokenKeeper;
  /** The account's Switchboard-hosted feed; given by the server, used only by connectors that publish to it (RSS). */
  feedStore?: FeedStore;
  now?: () => Date;
}

export interface ConnectorClient {
  verifyCredentials(): Promise<Profile>;
  publish(post: OutgoingPost, options: PublishOptions): Promise<Published>;
  /** Resolves when the post is gone, including when it was already gone. */
  delete?(remoteId: string): Promise<void>;
  /** Looks for a post with this content published since `since` (to settle an unknown outcome). */
  findPublished?(post: OutgoingPost, options: { since: Date }): Promise<Published | null>;
  readMentions?(cursor: string | null, options?: { limit?: number }): Promise<Page<InboundItem>>;
  readComments?(remoteId: string, cursor: string | null, options?: { limit?: number }): Promise<Page<InboundItem>>;
  /**
   * Public posts containing `query` (a word, a phrase or a #hashtag), newest first; `nextCursor` gives older
   * ones. `since` is a hint: a network may return older posts too (callers filter). For networks whose
   * `capabilities.search` is on.
   */
  searchPosts?(query: string, cursor: string | null, options?: { limit?: number; since?: Date }): Promise<Page<InboundItem>>;
  /**
   * Current totals for the account and for the given posts of its own (ids as published). For networks with
   * `Connector.metrics` set. A post the network no longer knows comes back with its metrics in `missing`.
   */
  readMetrics?(request: { posts: readonly { remoteId: string; publishedAt: Date }[] }): Promise<MetricsReport>;
}

/** An account the person who signed in can connect, with its own credentials (a Facebook Page has its own token). */
export interface GrantedAccount {
  profile: Profile;
  credentials: Credentials;
}

export interface OAuthProvider {
  /** Registers Switchboard as an app on a self-hosted server (Mastodon). */
  registerApp?(params: {
    baseUrl: string;
    redirectUri: string;
    clientName: string;
    website?: string;
    http: HttpClient;
  }): Promise<AppCredentials>;
  authorizationUrl(params: { app: AppCredentials; redirectUri: string; state: string; codeChallenge?: string; baseUrl?: string }): string;
  /** Exchanges the code from the callback, then lists the accounts this grant can act as. */
  exchangeCode(params: {
    app: AppCredentials;
    code: string;
    redirectUri: string;
    codeVerifier?: string;
    baseUrl?: string;
    http: HttpClient;
  }): Promise<GrantedAccount[]>;
  refresh?(params: { app: AppCredentials; credentials: Credentials; baseUrl?: string; http: HttpClient }): Promise<Credentials>;
}

export interface Connector {
  id: string;
  displayName: string;
  capabilities: Capabilities;
  constraints: Constraints;
  auth: AuthMethod;
  rateLimits: RateLimitModel;
  reconciliation: Reconciliation;
  /** True when the account lives on a server the organisation chooses (`AccountRef.baseUrl` required). */
  selfHosted: boolean;
  /**
   * Self-hosted networks: the server address to keep from a URL a person gave. Left out, the origin
   * ("https://mastodon.social/@me" → "https://mastodon.social"); WordPress keeps the path, since a site may
   * live in a folder ("https://example.org/blog").
   */
  baseUrlOf?(url: URL): string;
  oauth?: OAuthProvider;
  /** The metrics this network offers; absent when it offers none (`capabilities.metrics` false). */
  metrics?: MetricsSupport;
  createClient(context: ConnectorContext): ConnectorClient;
}
