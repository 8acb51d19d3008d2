import type { Reply, StandInRequest } from "../../test/standIn.js";
import { graphError, missingObject } from "./graphErrors.js";
import { type GraphState, pageOf } from "./graphState.js";
import { metricFields } from "./metricsRoutes.js";

/** Instagram Graph API routes: two-step publishing, tags, media (with counts and insights) and comments. `path` has no version prefix. */
export function instagramRoute(state: GraphState, req: StandInRequest, path: string, base: string): Reply | undefined {
  const [head, edge] = path.split("/");
  const ig = state.pages.find((p) => p.ig?.id === head)?.ig;
  if (ig && req.method === "GET" && !edge) {
    const followers = state.followers.get(ig.id);
    const asked = (req.query.get("fields") ?? "").split(",");
    return {
      status: 200,
      json: { ...ig, ...(asked.includes("followers_count") && followers !== undefined ? { followers_count: followers } : {}) },
    };
  }
  if (ig && req.method === "POST" && edge === "media") {
    const f = req.form();
    if (f.get("media_type") === "CAROUSEL") {
      const children = (f.get("children") ?? "").split(",").filter(Boolean);
      if (children.length < 2 || children.some((c) => !state.containers.get(c)?.carouselItem))
        return graphError(100, "The parameter children is invalid.");
      const id = state.id();
      state.containers.set(id, { igId: ig.id, caption: f.get("caption") ?? undefined, children, carouselItem: false });
      return { status: 200, json: { id } };
    }
    const imageUrl = f.get("image_url");
    if (!imageUrl?.startsWith("https://"))
      return graphError(9004, "Only photo or video can be accepted as media type.", { subcode: 2207052 });
    const id = state.id();
    state.containers.set(id, { igId: ig.id, caption: f.get("caption") ?? undefined, carouselItem: f.get("is_carousel_item") === "true" });
    return { status: 200, json: { id } };
  }
  if (ig && req.method === "POST" && edge === "media_publish") {
    const container = state.containers.get(req.form().get("creation_id") ?? "");
    if (!container || container.igId !== ig.id || container.carouselItem)
      return graphError(9007, "Media ID is not available", { subcode: 2207006 });
    const id = state.id();
    state.media.push({
      id,
      igId: ig.id,
      caption: container.caption ?? "",
      timestamp: new Date().toISOString(),
      permalink: `https://www.instagram.com/p/${id}/`,
    });
    state.containers.delete(req.form().get("creation_id") ?? "");
    return { status: 200, json: { id } };
  }
  if (ig && req.method === "GET" && edge === "tags") return { status: 200, json: pageOf(state.igTags, req.query, base) };
  if (ig && req.method === "GET" && edge === "media") {
    const since = Number(req.query.get("since") ?? 0) * 1000;
    const mine = state.media.filter((m) => m.igId === ig.id && Date.parse(m.timestamp) >= since).reverse();
    return { status: 200, json: pageOf(mine, req.query, base) };
  }
  const media = state.media.find((m) => m.id === head);
  if (media && req.method === "GET" && !edge) {
    if (!req.query.get("fields")) return { status: 200, json: { id: media.id, permalink: media.permalink } };
    const m = state.mediaMetrics.get(media.id) ?? {
      like_count: 0,
      comments_count: 0,
      insights: { views: 0, shares: 0, total_interactions: 0 },
    };
    const counts = {
      permalink: media.permalink,
      caption: media.caption,
      timestamp: media.timestamp,
      comments_count: m.comments_count,
      ...(m.like_count === undefined ? {} : { like_count: m.like_count }),
    };
    return metricFields(req, "instagram", { id: media.id, counts, insights: m.insights }, state.knobs);
  }
  if (media && req.method === "GET" && edge === "comments")
    return { status: 200, json: pageOf(state.igComments.get(media.id) ?? [], req.query, base) };
  if (media && req.method === "DELETE") return graphError(100, "Unsupported delete request.", { type: "GraphMethodException" });
  return ig || media ? missingObject(path) : undefined;
}
