import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type PublishingApp, signInAs, startPublishingApp } from "../../../test/helpers/publishingApp.js";
import type { TestClient } from "../../../test/helpers/testApp.js";
import { runDuePublishing } from "./runDue.js";

const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };

describe.each(DIALECTS)("a person's choices for needs_review on %s", (dialect) => {
  let p: PublishingApp;
  let admin: TestClient;

  beforeEach(async () => {
    p = await startPublishingApp(dialect);
    admin = p.admin;
  });
  afterEach(async () => {
    await p.dispose();
  });

  /** A thread whose first part times out: X cannot be asked about threads, so a person must decide. */
  const inReview = async (text: string, networkKeptIt: boolean) => {
    const post = (
      await admin.post("/api/posts", {
        text,
        timeZone: "UTC",
        scheduledAt: new Date().toISOString(),
        variants: [{ accountId: p.accountId, threadParts: [`${text} (2/2)`] }],
      })
    ).json();
    p.x.fault({ kind: "hang", afterHandling: networkKeptIt }, /^\/2\/tweets$/);
    expect(await runDuePublishing(p.t.services, "w1")).toEqual(["needs_review"]);
    const saved = (await admin.get(`/api/posts/${post.id}`)).json();
    expect(saved).toMatchObject({ status: "needs_review", variants: [{ status: "needs_review" }] });
    expect(saved.variants[0].lastError).toMatch(/cannot tell whether this post went out/);
    return { postId: post.id as string, variantId: saved.variants[0].id as string };
  };
  const review = (client: TestClient, target: { postId: string; variantId: string }, body: object) =>
    client.post(`/api/posts/${target.postId}/variants/${target.variantId}/review`, body);
  const tweeted = (text: string) => p.x.tweets.filter((tw) => tw.text === text).length;

  it("'It went out' marks it published with its address, sends nothing, and is audited", async () => {
    const target = await inReview("Did the thread go out?", true);
    const url = "https://x.com/acme/status/1900000000000000001";
    const badUrl = await review(admin, target, { choice: "went_out", url: "javascript:alert(1)" });
    expect([badUrl.statusCode, badUrl.json().error.code]).toEqual([400, "validation_failed"]);

    const res = await review(admin, target, { choice: "went_out", url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "published", variants: [{ status: "published", remoteUrl: url, lastError: null }] });
    expect(await runDuePublishing(p.t.services, "w1", new Date(Date.now() + 10 * 60_000))).toEqual([]);
    expect(tweeted("Did the thread go out?")).toBe(1);

    const again = await review(admin, target, { choice: "publish_again" });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "variant_not_in_review"]);
    const events = (await admin.get(`/api/audit?targetId=${target.postId}`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toContain("post.review_went_out");
  });

  it("'Publish again' sends it with a new attempt, even when its time is long past, and is audited", async () => {
    const target = await inReview("Lost in a timeout", false);
    expect(tweeted("Lost in a timeout")).toBe(0);
    const res = await review(admin, target, { choice: "publish_again" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "publishing", variants: [{ status: "retrying", lastError: null }] });
    // Two hours on (beyond the missed window): the person asked for it, so it goes out rather than being marked missed.
    expect(await runDuePublishing(p.t.services, "w1", new Date(Date.now() + 2 * 3_600_000))).toEqual(["published"]);
    expect([tweeted("Lost in a timeout"), tweeted("Lost in a timeout (2/2)")]).toEqual([1, 1]);
    expect((await admin.get(`/api/posts/${target.postId}`)).json()).toMatchObject({ status: "published" });
    const attempts = await p.t.services.db
      .selectFrom("publish_attempts")
      .select("outcome")
      .where("variant_id", "=", target.variantId)
      .execute();
    expect(attempts.map((a) => a.outcome).sort()).toEqual(["success", "unknown"]);
    const events = (await admin.get(`/api/audit?targetId=${target.postId}`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toContain("post.review_publish_again");
  });

  it("lets only the author or a social lead decide, and only about a variant in review", async () => {
    const target = await inReview("Whose call is it?", true);
    const carla = await signInAs(p.t, admin, CARLA);
    const forbidden = await review(carla.client, target, { choice: "went_out" });
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, "forbidden"]);
    const unknown = await review(admin, { ...target, variantId: "nope" }, { choice: "went_out" });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, "variant_not_found"]);
    const badChoice = await review(admin, target, { choice: "ignore" });
    expect(badChoice.statusCode).toBe(400);
    expect((await admin.get(`/api/posts/${target.postId}`)).json().status).toBe("needs_review");
  });
});
