import type { ConnectorClient, OutgoingPost, Published } from "./types.js";

/**
 * Publishes posts as a chain, each replying to the one before. The server should record each step
 * (`onStep`) before the next, so a crash resumes from the last confirmed step instead of starting over.
 */
export async function publishThread(
  client: ConnectorClient,
  posts: readonly OutgoingPost[],
  keyFor: (index: number) => string,
  onStep?: (index: number, published: Published) => Promise<void> | void,
): Promise<Published[]> {
  const done: Published[] = [];
  for (const [index, post] of posts.entries()) {
    const previous = done.at(-1);
    const published = await client.publish(previous ? { ...post, inReplyTo: previous.remoteId } : post, { idempotencyKey: keyFor(index) });
    done.push(published);
    await onStep?.(index, published);
  }
  return done;
}
