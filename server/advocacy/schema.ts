import { z } from "zod";
import { MAX_DESTINATION_LENGTH } from "../links/destination.js";
import { FindingView } from "../policy/service/schema.js";
import { DISCLOSURE_PATTERN, NETWORKS } from "./model.js";

export const MAX_TEXT = 3000;

const Topic = z.string().trim().min(1).max(40);

export const ItemBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  suggestedText: z.string().trim().min(1).max(MAX_TEXT).describe("What employees start from; they may edit it"),
  url: z.string().trim().min(1).max(MAX_DESTINATION_LENGTH).nullable().optional().describe("Each share gets its own short link to it"),
  topics: z.array(Topic).max(10).default([]),
  networks: z
    .array(z.enum(NETWORKS))
    .min(1)
    .max(NETWORKS.length)
    .default([...NETWORKS]),
  disclosure: z
    .string()
    .trim()
    .regex(DISCLOSURE_PATTERN, "one hashtag, like #AcmeEmployee")
    .describe("The hashtag every share must carry in its text"),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional().describe("After this the item can no longer be shared"),
});
export type ItemInput = z.infer<typeof ItemBody>;

export const ItemQuery = z.strictObject({
  status: z.enum(["active", "expired", "all"]).default("active"),
  topic: z.string().max(40).optional(),
});

export const Network = z.enum(NETWORKS);

export const CheckBody = z.strictObject({
  text: z.string().max(MAX_TEXT),
});

export const ShareBody = z.strictObject({
  network: Network,
  text: z.string().trim().min(1).max(MAX_TEXT),
  instance: z.string().max(253).optional().describe("Mastodon: your server, like mastodon.social"),
});

const Person = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ItemView = z.object({
  id: z.string(),
  title: z.string(),
  suggestedText: z.string(),
  url: z.string().nullable(),
  topics: z.array(z.string()),
  networks: z.array(Network),
  disclosure: z.string(),
  expiresAt: z.string().nullable(),
  status: z.enum(["active", "expired"]),
  createdBy: Person.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Confirmed shares, everyone's. */
  shares: z.number(),
  /** People who confirmed at least one share. */
  people: z.number(),
  /** Counted clicks on the shares' short links (prepared shares included: a click means it is out). */
  clicks: z.number(),
  /** Your own shares of it. */
  mine: z.array(z.object({ id: z.string(), network: Network, status: z.string(), sharedAt: z.string().nullable(), clicks: z.number() })),
});

export const ItemList = z.object({ items: z.array(ItemView), topics: z.array(z.string()) });

export const NetworkCheck = z.object({
  network: Network,
  length: z.number(),
  limit: z.number(),
  /** Why sharing to this network is blocked (beyond the policy's findings), empty when it is not. */
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const CheckView = z.object({
  findings: z.array(FindingView),
  networks: z.array(NetworkCheck),
  /** True when some finding is an error: no network may be shared to. */
  blocked: z.boolean(),
});

export const ShareView = z.object({
  id: z.string(),
  itemId: z.string(),
  network: Network,
  instance: z.string().nullable(),
  text: z.string(),
  status: z.enum(["prepared", "shared", "cancelled"]),
  shortUrl: z.string().nullable(),
  intentUrl: z.string(),
  createdAt: z.string(),
  sharedAt: z.string().nullable(),
  clicks: z.number(),
});

export const ItemSharesView = z.object({
  item: ItemView,
  shares: z.array(
    z.object({
      id: z.string(),
      person: Person,
      network: Network,
      status: z.enum(["prepared", "shared", "cancelled"]),
      shortUrl: z.string().nullable(),
      createdAt: z.string(),
      sharedAt: z.string().nullable(),
      clicks: z.number(),
    }),
  ),
  people: z.array(z.object({ person: Person, shares: z.number(), clicks: z.number() })),
});

export const PeopleView = z.object({
  people: z.array(z.object({ person: Person, shares: z.number(), items: z.number(), clicks: z.number() })),
});
