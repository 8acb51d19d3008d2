/** Helpers for tests against a PDS with Bluesky's AppView behind it (tests only). */
import { AtpAgent, RichText } from "@atproto/api";
import type { BlueskyNetwork, PdsAccount } from "../../../test/servers/bluesky/pds.js";

export interface PostRef {
  uri: string;
  cid: string;
}

/** Someone else on the network, posting as a person would in the Bluesky app (mentions resolved into facets). */
export async function personOn(net: BlueskyNetwork, account: PdsAccount) {
  const agent = new AtpAgent({ service: net.url });
  await agent.login({ identifier: account.handle, password: account.password });
  const write = async (text: string, extra: { reply?: { root: PostRef; parent: PostRef }; quote?: PostRef; createdAt?: Date } = {}) => {
    const rt = new RichText({ text });
    await rt.detectFacets(agent);
    const posted = await agent.post({
      text: rt.text,
      ...(rt.facets?.length ? { facets: rt.facets } : {}),
      ...(extra.reply ? { reply: extra.reply } : {}),
      ...(extra.quote ? { embed: { $type: "app.bsky.embed.record", record: extra.quote } } : {}),
      ...(extra.createdAt ? { createdAt: extra.createdAt.toISOString() } : {}),
    });
    return { uri: posted.uri, cid: posted.cid };
  };
  return {
    agent,
    /** `createdAt`: the time the post claims (Bluesky sorts and searches by the earlier of it and when it saw the post). */
    post: (text: string, createdAt?: Date) => write(text, createdAt ? { createdAt } : {}),
    /** Answers `parent`, in the thread that starts at `root` (the parent itself when left out). */
    reply: (text: string, parent: PostRef, root: PostRef = parent) => write(text, { reply: { root, parent } }),
    quote: (text: string, quoted: PostRef) => write(text, { quote: quoted }),
    like: (post: PostRef) => agent.like(post.uri, post.cid),
    /** A post as stored on the PDS, with its version (what a reply needs). */
    async ref(uri: string): Promise<PostRef> {
      const [, repo, collection, rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) ?? [];
      if (!repo || !collection || !rkey) throw new Error(`not a record uri: ${uri}`);
      const { data } = await agent.com.atproto.repo.getRecord({ repo, collection, rkey });
      if (!data.cid) throw new Error(`no cid for ${uri}`);
      return { uri: data.uri, cid: data.cid };
    },
  };
}

export type Person = Awaited<ReturnType<typeof personOn>>;
