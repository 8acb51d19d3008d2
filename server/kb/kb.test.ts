import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { renderMarkdown } from "./render.js";
import { insertArticle } from "./saveArticle.js";
import { installStarterArticles } from "./starter.js";

const LEAD = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "a lead who edits the kb" };
const EMMA = { email: "emma@example.com", name: "Emma Employee", roles: ["employee"], password: "an employee who reads" };

describe.each(DIALECTS)("the knowledge base on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let emma: TestClient;
  let anonymous: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    lead = (await signInAs(t, admin, LEAD)).client;
    emma = (await signInAs(t, admin, EMMA)).client;
    anonymous = t.client();
    await anonymous.csrf();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const create = async (who: TestClient, body: Record<string, unknown>) => {
    const res = await who.post("/api/kb/articles", body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; slug: string; version: number; html: string };
  };
  const search = async (who: TestClient, q: string, extra = "") => {
    const res = await who.get(`/api/kb/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { results: { slug: string; title: string; snippet: { text: string; match: boolean }[] }[]; matched: string };
  };
  const auditActions = async () => ((await admin.get("/api/audit?limit=500")).json().events as { action: string }[]).map((e) => e.action);

  it("ships the starter articles once, and never overwrites or resurrects what the organisation changed", async () => {
    const netiquette = await emma.get("/api/kb/articles/netiquette");
    expect(netiquette.statusCode).toBe(200);
    expect(netiquette.json().html).toContain('id="sales-pitch"');
    expect(netiquette.json().body).toBeNull(); // the Markdown is for editors
    // The policy template is a draft: editors see it, readers do not.
    expect((await emma.get("/api/kb/articles/social-media-policy")).statusCode).toBe(404);
    const template = (await lead.get("/api/kb/articles/social-media-policy")).json();
    expect(template.visibility).toBe("draft");

    const guide = (await lead.get("/api/kb/articles/bluesky")).json();
    const edited = await lead.put(`/api/kb/articles/${guide.id}`, {
      title: guide.title,
      slug: "bluesky",
      summary: guide.summary,
      body: "Our own Bluesky rules.",
      categoryId: guide.categoryId,
      visibility: "internal",
      version: guide.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const x = (await lead.get("/api/kb/articles/x-twitter")).json();
    expect((await lead.delete(`/api/kb/articles/${x.id}?version=${x.version}`)).statusCode).toBe(204);

    expect(await installStarterArticles(t.services.db, t.services.capabilities)).toBe(0);
    expect((await lead.get("/api/kb/articles/bluesky")).json().html).toContain("Our own Bluesky rules.");
    expect((await lead.get("/api/kb/articles/x-twitter")).statusCode).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(["kb.starter_installed", "kb.article_updated", "kb.article_deleted"]));
  });

  it("renders Markdown to sanitised HTML: no script, no event handler, no javascript: link", async () => {
    const article = await create(lead, {
      title: "Sanitised",
      body: '# Hi\n\n<script>window.pwned = 1</script>\n\n<img src="x.png" onerror="window.pwned = 2">\n\n[click](javascript:alert(1)) <a href="#" onclick="x()">a</a>\n\n<details><summary>More</summary>fine</details>',
      visibility: "internal",
    });
    expect(article.html).not.toMatch(/<script|onerror|onclick|href="javascript:/i);
    expect(article.html).toContain("<details><summary>More</summary>");
    const preview = await lead.post("/api/kb/preview", { body: "## Sales pitch\n<script>x</script>" });
    expect(preview.json()).toEqual({
      html: '<h2 id="sales-pitch">Sales pitch</h2>\n',
      headings: [{ level: 2, id: "sales-pitch", text: "Sales pitch" }],
    });
  });

  it("keeps every save as a version, refuses a stale edit with 409, restores as a new version, and audits it all", async () => {
    const cats = await lead.post("/api/kb/categories", { name: "Access and accounts" });
    expect(cats.statusCode, cats.body).toBe(201);
    const categoryId = cats.json().categories.find((c: { name: string }) => c.name === "Access and accounts").id;
    const a = await create(lead, { title: "Lost 2FA device", body: "First text.", categoryId, visibility: "internal" });
    expect(a.slug).toBe("lost-2fa-device");
    const base = { title: "Lost 2FA device", slug: a.slug, summary: "", categoryId, visibility: "internal" as const };
    const v2 = await lead.put(`/api/kb/articles/${a.id}`, { ...base, body: "Second text.", version: 1, note: "Clearer" });
    expect(v2.json().version).toBe(2);
    // Someone still on version 1 saves: refused, nothing lost.
    const stale = await admin.put(`/api/kb/articles/${a.id}`, { ...base, body: "Stale text.", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("kb_article_changed");

    const history = (await lead.get(`/api/kb/articles/${a.id}/versions`)).json().versions;
    expect(history.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, "Clearer"],
      [1, "Created"],
    ]);
    const old = (await lead.get(`/api/kb/articles/${a.id}/versions/1`)).json();
    expect(old.html).toContain("First text.");
    const restored = await lead.post(`/api/kb/articles/${a.id}/versions/1/restore`, { version: 2 });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3 });
    expect(restored.json().html).toContain("First text.");
    expect((await lead.get(`/api/kb/articles/${a.id}/versions`)).json().versions[0].note).toBe("Restored version 1");

    // A rename keeps the old address working.
    await lead.put(`/api/kb/articles/${a.id}`, { ...base, slug: "lost-two-factor", body: "First text.", version: 3 });
    const viaOld = (await emma.get(`/api/kb/articles/${a.slug}`)).json();
    expect(viaOld).toMatchObject({ slug: "lost-two-factor", redirectedFrom: "lost-2fa-device" });

    expect(await auditActions()).toEqual(
      expect.arrayContaining(["kb.category_created", "kb.article_created", "kb.article_updated", "kb.article_restored"]),
    );
  });

  it("answers bad input with 4xx codes", async () => {
    await create(lead, { title: "Taken", body: "x" });
    expect((await lead.post("/api/kb/articles", { title: "Other", slug: "taken", body: "x" })).json().error.code).toBe("kb_slug_taken");
    expect((await lead.post("/api/kb/articles", { title: "", body: "x" })).statusCode).toBe(400);
    expect((await lead.post("/api/kb/articles", { title: "T", slug: "Not A Slug", body: "x" })).statusCode).toBe(400);
    expect((await lead.post("/api/kb/articles", { title: "T", body: "x", visibility: "secret" })).statusCode).toBe(400);
    expect((await lead.post("/api/kb/articles", { title: "T", body: "x", categoryId: "nope" })).json().error.code).toBe(
      "kb_category_not_found",
    );
    expect((await lead.post("/api/kb/articles", { title: "T", body: "x", extra: 1 })).statusCode).toBe(400);
    expect((await emma.post("/api/kb/articles", { title: "T", body: "x" })).statusCode).toBe(403);
    expect(
      (
        await lead.put("/api/kb/articles/missing", {
          title: "T",
          slug: "t",
          summary: "",
          body: "x",
          categoryId: null,
          visibility: "draft",
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect((await lead.post("/api/kb/categories", { name: "Dup" })).statusCode).toBe(201);
    expect((await lead.post("/api/kb/categories", { name: "Dup" })).json().error.code).toBe("kb_category_taken");
    expect((await lead.get("/api/kb/articles/UPPER")).statusCode).toBe(400);
    expect((await lead.get("/api/kb/search?q=x&limit=999")).statusCode).toBe(400);
  });

  it("searches with the title weighted above the body, highlights matches, and respects visibility", async () => {
    await create(lead, {
      title: "Notes on onboarding",
      body: "Mention the kestrel once, then kestrel again: a kestrel in the body, and a kestrel here too.",
      visibility: "internal",
    });
    await create(lead, { title: "Kestrel account recovery", body: "How to recover access.", visibility: "internal" });
    await create(lead, { title: "Kestrel draft", body: "Not finished.", visibility: "draft" });
    await create(lead, { title: "Public kestrel page", body: "For everyone.", visibility: "public" });

    const found = await search(emma, "kestrel");
    expect(found.results.map((r) => r.slug)).not.toContain("kestrel-draft");
    const titles = found.results.map((r) => r.title);
    expect(titles.indexOf("Kestrel account recovery")).toBeLessThan(titles.indexOf("Notes on onboarding"));
    const body = found.results.find((r) => r.title === "Notes on onboarding");
    expect(body?.snippet.some((p) => p.match && /kestrel/i.test(p.text))).toBe(true);

    expect((await search(lead, "kestrel")).results.map((r) => r.slug)).toContain("kestrel-draft");
    const anon = await anonymous.get("/api/kb/public/search?q=kestrel");
    expect(anon.json().results.map((r: { slug: string }) => r.slug)).toEqual(["public-kestrel-page"]);
    expect((await anonymous.get("/api/kb/search?q=kestrel")).statusCode).toBe(401);

    // Every word when some article has them all; any word otherwise.
    expect((await search(emma, "kestrel recover")).results.map((r) => r.title)).toEqual(["Kestrel account recovery"]);
    const any = await search(emma, "kestrel zebra");
    expect(any.matched).toBe("any");
    expect(any.results.length).toBeGreaterThan(1);
  });

  it("keeps a title match first even when a word matches more articles than are ranked in full", async () => {
    await create(lead, { title: "Heron handbook", body: "The one with the word in its title.", visibility: "internal" });
    const { db, capabilities } = t.services;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 130; i++) {
        const body = `Heron notes ${i}: the heron, a heron, heron again and again.`;
        const fields = { title: `Note ${i}`, slug: `note-${i}`, summary: "", body, categoryId: null, visibility: "internal" as const };
        await insertArticle(trx, capabilities, { id: null, label: "test" }, fields, renderMarkdown(body));
      }
    });
    const found = await search(emma, "heron");
    expect(found.results).toHaveLength(20);
    expect(found.results[0]?.title).toBe("Heron handbook");
    expect((await search(emma, "heron", "&offset=20")).results).toHaveLength(20);
  });

  it("never answers a query with 5xx, whatever operators it contains", async () => {
    await create(lead, { title: "Zygomorph and NEAR things", body: "Text with quotes and stars.", visibility: "internal" });
    const nasty = [
      '"',
      '"unbalanced',
      "NEAR(",
      "a AND",
      "OR OR OR",
      "NOT",
      "*",
      "hash*",
      "title:hashtags",
      "{title body}: x",
      "^start",
      "a - b",
      "(((",
      "!!& | :*",
      "'; DROP TABLE kb_articles; --",
      "\\",
      "\u0000\u0002\u0003",
      "日本語 のテスト",
      "the of and",
      "x".repeat(500),
      "a ".repeat(200),
      "%",
      "<script>",
    ];
    for (const q of nasty) {
      for (const url of [
        `/api/kb/search?q=${encodeURIComponent(q)}`,
        `/api/kb/suggest?q=${encodeURIComponent(q)}`,
        `/api/kb/public/search?q=${encodeURIComponent(q)}`,
      ]) {
        const res = await emma.get(url);
        expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
      }
    }
    expect((await search(emma, 'zygomorph" OR "')).results.map((r) => r.title)).toEqual(["Zygomorph and NEAR things"]);
  });

  it("shows public articles to anyone and hides drafts and internal articles from them", async () => {
    await create(lead, { title: "Open", body: "Public text.", visibility: "public" });
    await create(lead, { title: "Inside", body: "Internal text.", visibility: "internal" });
    expect((await anonymous.get("/api/kb/public/articles/open")).json()).toMatchObject({
      title: "Open",
      body: null,
      votes: null,
      myVote: null,
    });
    expect((await anonymous.get("/api/kb/public/articles/inside")).statusCode).toBe(404);
    expect((await anonymous.get("/api/kb/articles/open")).statusCode).toBe(401);
    expect((await emma.get("/api/kb/articles/inside")).statusCode).toBe(200);
  });

  it("takes one changeable vote per person, and shows the counts to editors only", async () => {
    const a = await create(lead, { title: "Vote on me", body: "x", visibility: "internal" });
    expect((await emma.put(`/api/kb/articles/${a.id}/vote`, { helpful: false })).json()).toEqual({ myVote: false, votes: null });
    expect((await emma.put(`/api/kb/articles/${a.id}/vote`, { helpful: true })).json()).toEqual({ myVote: true, votes: null });
    await admin.put(`/api/kb/articles/${a.id}/vote`, { helpful: false });
    expect((await emma.get("/api/kb/articles/vote-on-me")).json()).toMatchObject({ myVote: true, votes: null });
    expect((await lead.get("/api/kb/articles/vote-on-me")).json()).toMatchObject({ votes: { helpful: 1, notHelpful: 1 } });
    const draft = await create(lead, { title: "Hidden", body: "x" });
    expect((await emma.put(`/api/kb/articles/${draft.id}/vote`, { helpful: true })).statusCode).toBe(404);
    expect((await auditActions()).filter((a) => a === "kb.article_voted")).toHaveLength(3);
  });

  it("suggests articles while someone types and records the session", async () => {
    const a = await create(lead, { title: "Lost access to a company account", body: "Ask the owner.", visibility: "internal" });
    await create(lead, { title: "Two-factor codes", body: "Lost your phone? Recovery codes.", visibility: "internal" });
    const typed = await emma.get(`/api/kb/suggest?q=${encodeURIComponent("I lost acc")}`);
    expect(typed.statusCode).toBe(200);
    const suggested = typed.json().articles as { id: string; title: string }[];
    expect(suggested[0]?.title).toBe("Lost access to a company account");

    const started = await emma.post("/api/kb/suggestion-sessions", {
      query: "I lost acc",
      shown: suggested.map((s) => s.id),
      requestType: "lost_access",
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id;
    await emma.patch(`/api/kb/suggestion-sessions/${id}`, { query: "I lost access", shown: [a.id] });
    await emma.post(`/api/kb/suggestion-sessions/${id}/clicks`, { articleId: a.id });
    const solved = await emma.post(`/api/kb/suggestion-sessions/${id}/solved`, { articleId: a.id });
    expect(solved.json()).toMatchObject({ query: "I lost access", clicked: [a.id], solvedArticleId: a.id, requestId: null });
    expect(solved.json().shown).toContain(a.id);
    // Someone else's session does not exist for you.
    expect((await lead.post(`/api/kb/suggestion-sessions/${id}/solved`, {})).statusCode).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(["kb.suggestions_shown", "kb.suggestion_clicked", "kb.suggestion_solved"]));
  });

  it("lists categories with the number of articles each reader can see; deleting one keeps its articles", async () => {
    const cat = (await lead.post("/api/kb/categories", { name: "Crisis" }))
      .json()
      .categories.find((c: { name: string }) => c.name === "Crisis");
    await create(lead, { title: "Pause everything", body: "x", categoryId: cat.id, visibility: "internal" });
    await create(lead, { title: "Crisis draft", body: "x", categoryId: cat.id });
    const count = async (who: TestClient) =>
      (await who.get("/api/kb/categories")).json().categories.find((c: { id: string }) => c.id === cat.id).articleCount;
    expect(await count(emma)).toBe(1);
    expect(await count(lead)).toBe(2);
    expect((await emma.get(`/api/kb/articles?categoryId=${cat.id}`)).json().articles.map((a: { title: string }) => a.title)).toEqual([
      "Pause everything",
    ]);
    expect((await lead.delete(`/api/kb/categories/${cat.id}`)).statusCode).toBe(204);
    expect((await emma.get("/api/kb/articles/pause-everything")).json().category).toBeNull();
  });
});
