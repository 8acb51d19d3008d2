import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XStandIn } from "../../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import type { TestApp } from "../../../test/helpers/testApp.js";
import { startXChannelApp, type XChannelApp } from "../../../test/helpers/xChannelApp.js";
import { POLL_INTERVAL_MS, pollInboxSources } from "./pollSources.js";

describe.each(DIALECTS)("polling channels into the inbox (X stand-in) on %s", (dialect) => {
  let app: XChannelApp;
  let x: XStandIn;
  let t: TestApp;
  let handle: string;

  beforeEach(async () => {
    app = await startXChannelApp(dialect);
    ({ x, t, handle } = app);
  });
  afterEach(async () => {
    await app.dispose();
  });

  const messages = () => t.services.db.selectFrom("inbox_messages").selectAll().orderBy("sent_at").execute();
  const source = () => t.services.db.selectFrom("inbox_sources").selectAll().executeTakeFirstOrThrow();

  it("reads new mentions into classified conversations, once, on each channel's interval", async () => {
    x.mention(`@${handle} my bag never arrived and nobody answers the phone, this is the worst service`);
    x.mention(`@${handle} thank you so much, the crew was lovely!`);
    const now = new Date();
    expect(await pollInboxSources(t.services, now)).toMatchObject({ polled: 1, failed: 0, stored: 2 });
    const stored = await messages();
    expect(stored.map((m) => m.sentiment).sort()).toEqual(["negative", "positive"]);
    // Not due again before its interval; then read again, and nothing is stored twice.
    expect(await pollInboxSources(t.services, new Date(now.getTime() + 1000))).toMatchObject({ polled: 0 });
    x.mention(`@${handle} is the lounge open today?`);
    expect(await pollInboxSources(t.services, new Date(now.getTime() + POLL_INTERVAL_MS))).toMatchObject({ polled: 1, stored: 1 });
    expect(await messages()).toHaveLength(3);
    expect(await source()).toMatchObject({ failures: 0, last_error: null });
  });

  it("reads older pages while every page is new (catching up after downtime), then only the newest", async () => {
    for (let i = 0; i < 150; i++) x.mention(`@${handle} backlog message ${i}`);
    const now = new Date();
    expect(await pollInboxSources(t.services, now)).toMatchObject({ failed: 0, stored: 150 });
    expect(await messages()).toHaveLength(150);
    expect((await source()).cursor).toBeNull();
    x.mention(`@${handle} one more`);
    expect(await pollInboxSources(t.services, new Date(now.getTime() + POLL_INTERVAL_MS))).toMatchObject({ stored: 1 });
  });

  it("backs a failing channel off, keeps the reason, and recovers", async () => {
    x.fault({ kind: "server_error" }, /mentions$/);
    const now = new Date();
    expect(await pollInboxSources(t.services, now)).toMatchObject({ polled: 1, failed: 1 });
    const failed = await source();
    expect(failed.failures).toBe(1);
    expect(failed.last_error).toBeTruthy();
    expect(Date.parse(failed.next_poll_at)).toBe(now.getTime() + POLL_INTERVAL_MS);
    x.fault({ kind: "server_error" }, /mentions$/);
    const later = new Date(now.getTime() + POLL_INTERVAL_MS);
    await pollInboxSources(t.services, later);
    expect(Date.parse((await source()).next_poll_at)).toBe(later.getTime() + 2 * POLL_INTERVAL_MS);
    x.mention(`@${handle} hello?`);
    const after = new Date(later.getTime() + 2 * POLL_INTERVAL_MS);
    expect(await pollInboxSources(t.services, after)).toMatchObject({ failed: 0, stored: 1 });
    expect(await source()).toMatchObject({ failures: 0, last_error: null });
  });
});
