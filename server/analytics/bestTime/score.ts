import type { AccountSamples } from "./samples.js";
import { median, type Slot, slotKey } from "./slots.js";

/** A slot needs this many posts before it is ranked… */
export const MIN_POSTS_IN_SLOT = 3;
/** …and the sample this many posts with engagement data in all. */
export const MIN_POSTS_IN_ALL = 10;

export interface ScoredSlot extends Slot {
  posts: number;
  /** Median of the posts' engagement ÷ their account's typical (median) engagement: 1.5 = half as much again. */
  score: number;
  /** Median engagements per post in the slot, as the networks count them. */
  medianEngagements: number;
  /** Whether the slot has enough posts to be ranked. */
  ranked: boolean;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Scores every hourly slot that has posts. Each post counts relative to its own account's median
 * engagement (at least 1), so a pool of accounts of different sizes is not ruled by the biggest, and an
 * account's own ranking is the same as by raw engagement. A slot's score is the median of its posts'
 * relative engagement: one viral post does not make a slot.
 */
export function scoreSlots(accounts: readonly AccountSamples[]): { slots: ScoredSlot[]; posts: number } {
  const bySlot = new Map<number, { slot: Slot; relative: number[]; raw: number[] }>();
  let posts = 0;
  for (const account of accounts) {
    const typical = Math.max(median(account.posts.map((p) => p.engagement)) ?? 0, 1);
    for (const p of account.posts) {
      const entry = bySlot.get(slotKey(p.slot)) ?? { slot: p.slot, relative: [], raw: [] };
      entry.relative.push(p.engagement / typical);
      entry.raw.push(p.engagement);
      bySlot.set(slotKey(p.slot), entry);
      posts++;
    }
  }
  const slots = [...bySlot.values()]
    .map(({ slot, relative, raw }) => ({
      weekday: slot.weekday,
      hour: slot.hour,
      posts: relative.length,
      score: round2(median(relative) ?? 0),
      medianEngagements: round2(median(raw) ?? 0),
      ranked: relative.length >= MIN_POSTS_IN_SLOT,
    }))
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  return { slots, posts };
}

/** The ranked slots, best first (ties: more posts, then earlier in the week). */
export const bestOf = (slots: readonly ScoredSlot[]) =>
  slots.filter((s) => s.ranked).sort((a, b) => b.score - a.score || b.posts - a.posts || a.weekday - b.weekday || a.hour - b.hour);

/** Enough to say anything: the minimum in all, and at least one slot with the minimum in it. */
export const enough = (scored: { slots: readonly ScoredSlot[]; posts: number }) =>
  scored.posts >= MIN_POSTS_IN_ALL && scored.slots.some((s) => s.ranked);
