import { type Caller, parseBody } from "../call.js";
import { ConnectorError } from "../errors.js";
import { graphUrl, type MetaEndpoints } from "../meta/endpoints.js";
import type { OutgoingPost, Published } from "../types.js";
import { created, permalink } from "./mapping.js";

/**
 * Instagram publishes in two steps: create a media container (per image; a carousel wraps them), then
 * publish it. Creating a container is safe to repeat (an unpublished container expires unused), so only
 * the media_publish call can end in an unknown outcome.
 */
export async function publishToInstagram(call: Caller, endpoints: MetaEndpoints, igUserId: string, post: OutgoingPost): Promise<Published> {
  const url = (path: string) => graphUrl(endpoints, path);
  const items = post.media ?? [];
  if (items.length === 0) throw new ConnectorError("rejected", "Instagram posts need at least one image.", { network: "instagram" });
  const container = async (form: Record<string, string | undefined>) => {
    const res = await call({ method: "POST", url: url(`${igUserId}/media`), form, idempotent: true, operation: "publish.container" });
    return parseBody(created, res, "instagram").id;
  };

  let creationId: string;
  if (items.length === 1 && items[0]) {
    creationId = await container({ image_url: items[0].url, caption: post.text, alt_text: items[0].altText });
  } else {
    const children: string[] = [];
    for (const item of items) children.push(await container({ image_url: item.url, is_carousel_item: "true", alt_text: item.altText }));
    creationId = await container({ media_type: "CAROUSEL", children: children.join(","), caption: post.text });
  }

  const res = await call({
    method: "POST",
    url: url(`${igUserId}/media_publish`),
    form: { creation_id: creationId },
    operation: "publish",
  });
  const { id } = parseBody(created, res, "instagram", "unknown_outcome");
  return { remoteId: id, url: await permalinkOf(call, endpoints, id) };
}

/** The post exists whatever happens here: a failure to read its link must not turn a success into an error. */
async function permalinkOf(call: Caller, endpoints: MetaEndpoints, mediaId: string): Promise<string | null> {
  try {
    const res = await call({
      method: "GET",
      url: graphUrl(endpoints, mediaId),
      query: { fields: "permalink" },
      operation: "publish.permalink",
    });
    return parseBody(permalink, res, "instagram").permalink ?? null;
  } catch {
    return null;
  }
}
