import { z } from "zod";
import type { InboundItem, Profile } from "../types.js";

export const userinfo = z.object({
  sub: z.string(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
});
export const organization = z.object({ id: z.number().or(z.string()), localizedName: z.string(), vanityName: z.string().optional() });
export const organizationAcls = z.object({
  elements: z.array(z.object({ organization: z.string(), role: z.string(), state: z.string().optional() })),
});
export const comments = z.object({
  elements: z.array(
    z.object({
      id: z.string(),
      actor: z.string(),
      message: z.object({ text: z.string() }),
      created: z.object({ time: z.number() }),
      parentComment: z.string().optional(),
    }),
  ),
  paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }),
});
export const posts = z.object({ elements: z.array(z.object({ id: z.string(), commentary: z.string().optional() })) });

/** Characters "little text format" reserves; left unescaped, LinkedIn silently truncates the post. */
const RESERVED = /[|{}@[\]()<>#\\*_~]/g;

/** Plain text → LinkedIn commentary: reserved characters escaped, `#tag` kept as a real hashtag. */
export function toCommentary(text: string): string {
  return text
    .replace(RESERVED, (c) => `\\${c}`)
    .replace(/(^|\s)\\#([\p{L}\p{N}_]+)/gu, (_m, before: string, tag: string) => `${before}{hashtag|\\#|${tag}}`);
}

export function fromCommentary(commentary: string): string {
  return commentary.replace(/\{hashtag\|\\#\|([^}]+)\}/g, "#$1").replace(/\\([|{}@[\]()<>#\\*_~])/g, "$1");
}

export const personUrn = (sub: string) => `urn:li:person:${sub}`;
export const organizationUrn = (id: string | number) => `urn:li:organization:${id}`;
export const organizationId = (urn: string) => /^urn:li:organization:(\d+)$/.exec(urn)?.[1];
export const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`;

export const memberProfile = (u: z.infer<typeof userinfo>): Profile => ({
  externalId: personUrn(u.sub),
  handle: u.name ?? u.sub,
  displayName: u.name ?? [u.given_name, u.family_name].filter(Boolean).join(" "),
  url: null,
});

export const organizationProfile = (o: z.infer<typeof organization>): Profile => ({
  externalId: organizationUrn(o.id),
  handle: o.vanityName ?? String(o.id),
  displayName: o.localizedName,
  url: o.vanityName ? `https://www.linkedin.com/company/${o.vanityName}/` : null,
});

export const toComment = (c: z.infer<typeof comments>["elements"][number], postUrn: string): InboundItem => ({
  remoteId: c.id,
  kind: "comment",
  text: c.message.text,
  createdAt: new Date(c.created.time),
  author: { externalId: c.actor, handle: null, displayName: null },
  url: postUrl(postUrn),
  inReplyTo: c.parentComment ?? postUrn,
});
