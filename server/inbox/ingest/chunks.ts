/** Rows per statement: well under SQLite's limit of bound values, and PostgreSQL's. */
export const CHUNK = 500;

/** Runs `work` on consecutive slices of `items`, one after another. */
export async function inChunks<T>(items: readonly T[], work: (chunk: T[]) => Promise<void>, size = CHUNK): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

/**
 * The one order in which rows keyed (a, b) are inserted by every ingester. Any fixed order will do:
 * what matters is that two transactions inserting the same keys take them in the same order.
 */
export const compareKeys = (a1: string, b1: string, a2: string, b2: string): number =>
  a1 < a2 ? -1 : a1 > a2 ? 1 : b1 < b2 ? -1 : b1 > b2 ? 1 : 0;
