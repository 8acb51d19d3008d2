import { browserTimeZone, instantToZonedTime, zonedTimeToInstant } from "../../../../shared/zonedTime.js";
import type { PostMedia } from "../../api/media.js";
import type { Post, PostInput, RepeatRule, VariantInput } from "../../api/posts.js";

/** What the composer's form holds; converted to the API's shape only when saving or checking. */
export interface ComposerDraft {
  text: string;
  /** The chosen channels (inventory account ids), in the order they were picked. */
  accountIds: string[];
  /** A channel's own wording; a channel without an entry uses the post's text. */
  ownTexts: Record<string, string>;
  /** Each channel's replies after its first part (a thread); empty replies are not sent. */
  threadParts: Record<string, string[]>;
  /** "": no campaign. */
  campaignId: string;
  /** A draft, a chosen time, or the next free slot of the channels' posting queues. */
  when: "draft" | "schedule" | "queue";
  /** "": does not repeat. */
  repeat: "" | RepeatRule["frequency"];
  /** How many times in all, as typed ("": until stopped). */
  repeatCount: string;
  date: string;
  time: string;
  timeZone: string;
  /** Comma separated, as typed. */
  tags: string;
  /** Attached images, in order; `alt` as typed, `savedAlt` as the server has it. */
  media: DraftMedia[];
}

export interface DraftMedia extends PostMedia {
  savedAlt: string;
}

const tomorrow = (): string => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

export function emptyDraft(): ComposerDraft {
  return {
    text: "",
    accountIds: [],
    ownTexts: {},
    threadParts: {},
    campaignId: "",
    when: "draft",
    repeat: "",
    repeatCount: "",
    date: tomorrow(),
    time: "09:00",
    timeZone: browserTimeZone(),
    tags: "",
    media: [],
  };
}

export function draftOf(post: Post): ComposerDraft {
  const variants = post.variants.filter((v): v is typeof v & { accountId: string } => v.accountId !== null);
  const wall = post.scheduledAt ? instantToZonedTime(post.scheduledAt, post.timeZone) : { date: tomorrow(), time: "09:00" };
  return {
    text: post.text,
    accountIds: variants.map((v) => v.accountId),
    ownTexts: Object.fromEntries(variants.filter((v) => v.ownText).map((v) => [v.accountId, v.text])),
    threadParts: Object.fromEntries(variants.filter((v) => v.threadParts.length > 0).map((v) => [v.accountId, v.threadParts])),
    campaignId: post.campaign?.id ?? "",
    when: post.scheduledAt ? "schedule" : "draft",
    repeat: post.repeat?.frequency ?? "",
    repeatCount: post.repeat?.count ? String(post.repeat.count) : "",
    ...wall,
    timeZone: post.timeZone,
    tags: post.tags.join(", "),
    media: post.media.map((m) => ({ ...m, savedAlt: m.alt })),
  };
}

export const parseTags = (tags: string) => [
  ...new Set(
    tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

export function variantsOf(draft: ComposerDraft): VariantInput[] {
  return draft.accountIds.map((accountId) => {
    const parts = (draft.threadParts[accountId] ?? []).filter((part) => part.trim());
    return { accountId, text: draft.ownTexts[accountId] ?? null, threadParts: parts };
  });
}

/** The instant the schedule fields stand for: null for a draft or the queue, undefined while they are incomplete. */
export function scheduledAtOf(draft: ComposerDraft): string | null | undefined {
  if (draft.when !== "schedule") return null;
  return zonedTimeToInstant({ date: draft.date, time: draft.time }, draft.timeZone)?.iso;
}

function repeatOf(draft: ComposerDraft): RepeatRule | null {
  if (!draft.repeat || draft.when === "draft") return null;
  const count = Number.parseInt(draft.repeatCount, 10);
  return { frequency: draft.repeat, interval: 1, ...(count >= 2 ? { count } : {}) };
}

export function postInputOf(draft: ComposerDraft, scheduledAt: string | null): PostInput {
  return {
    text: draft.text,
    timeZone: draft.timeZone,
    ...(draft.when === "queue" ? { queue: true } : { scheduledAt }),
    repeat: repeatOf(draft),
    campaignId: draft.campaignId || null,
    tags: parseTags(draft.tags),
    variants: variantsOf(draft),
    mediaIds: draft.media.map((m) => m.id),
  };
}
