import { z } from "zod";
import { ConnectorError } from "../errors.js";
import type { Profile, Published } from "../types.js";
import { postUrl, profileUrl } from "./endpoints.js";
import { NETWORK } from "./errors.js";

export const POST_COLLECTION = "app.bsky.feed.post";
export const PROFILE_COLLECTION = "app.bsky.actor.profile";

/** The parts of an `at://did/collection/rkey` URI, the remote id of a Bluesky post. */
export interface RecordAddress {
  repo: string;
  collection: string;
  rkey: string;
}

const AT_URI = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/;

export function parseRecordUri(uri: string): RecordAddress {
  const match = AT_URI.exec(uri);
  if (!match?.[1] || !match[2] || !match[3])
    throw new ConnectorError("rejected", `Not a Bluesky post id: ${uri.slice(0, 200)}`, { network: NETWORK });
  return { repo: match[1], collection: match[2], rkey: match[3] };
}

export const recordUri = (a: RecordAddress) => `at://${a.repo}/${a.collection}/${a.rkey}`;

export const toPublished = (did: string, rkey: string): Published => ({
  remoteId: recordUri({ repo: did, collection: POST_COLLECTION, rkey }),
  url: postUrl(did, rkey),
});

const strongRef = z.object({ uri: z.string(), cid: z.string() });
/** What a reply needs from the post it answers: its own address, and the thread's root. */
export const postRecord = z.object({ reply: z.object({ root: strongRef, parent: strongRef }).optional() });
export const profileRecord = z.object({ displayName: z.string().optional() });

export const toProfile = (session: { did: string; handle: string }, displayName: string | undefined): Profile => ({
  externalId: session.did,
  handle: session.handle,
  displayName: displayName?.trim() || session.handle,
  url: profileUrl(session.handle),
});
