/** Rows per statement: well under SQLite's limit of bound values, and PostgreSQL's. */
export const CHUNK = 500;

/** Runs `work` on consecutive slices of `items`, one after another. */
export async function inChunks<T>(items: readonly T[], work: (chunk: T[]) => Promise<void>, size = CHUNK): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}
