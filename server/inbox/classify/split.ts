/**
 * The held-out split of the airline dataset: a row is held out when the FNV-1a (32-bit) hash of its
 * tweet_id, as written in the CSV, is divisible by 5 (about 20% of the rows). Decided by the id
 * alone, so it is the same on every machine and run, and duplicate rows of one tweet fall on the
 * same side.
 */
export function isHeldOut(tweetId: string): boolean {
  return fnv1a(tweetId) % 5 === 0;
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
