import { type Agent, AppBskyRichtextFacet, RichText, XRPCError } from "@atproto/api";

type Facet = AppBskyRichtextFacet.Main;

/**
 * Links, mentions and hashtags as Bluesky facets: ranges in UTF-8 bytes, found by @atproto/api's own
 * detection (the rules the Bluesky app uses). Mentions point at a DID, so each handle is resolved; a handle
 * that does not exist stays plain text, as in the app. Unlike `RichText.detectFacets`, a failure to ask
 * (the PDS down, the session refused) is thrown, not silently turned into an unlinked mention.
 */
export async function facetsFor(agent: Agent, text: string): Promise<Facet[]> {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  const facets: Facet[] = [];
  for (const facet of rich.facets ?? []) {
    const mention = facet.features.find((f) => AppBskyRichtextFacet.isMention(f));
    if (!mention) {
      facets.push(facet);
      continue;
    }
    // Before resolution the mention's `did` holds the handle.
    const did = await resolveHandle(agent, mention.did);
    if (did) facets.push({ ...facet, features: [{ $type: "app.bsky.richtext.facet#mention", did }] });
  }
  return facets;
}

async function resolveHandle(agent: Agent, handle: string): Promise<string | null> {
  try {
    return (await agent.com.atproto.identity.resolveHandle({ handle })).data.did;
  } catch (error) {
    // 400: no such handle (the PDS says "Unable to resolve handle").
    if (error instanceof XRPCError && error.status === 400) return null;
    throw error;
  }
}
