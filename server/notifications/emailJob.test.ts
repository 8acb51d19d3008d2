import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { startSmtpServer } from "../../test/helpers/smtpServer.js";
import { createTestApp, type TestApp } from "../../test/helpers/testApp.js";
import { createLogger } from "../logger.js";
import { emailNotificationsJob, STALE_CLAIM_MS } from "./emailJob.js";
import { notify } from "./notify.js";

describe.each(DIALECTS)("notification emails on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, SMTP_FROM: "Switchboard <switchboard@acme.test>" });
    await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
    await smtp.close();
  });

  const runJob = () =>
    emailNotificationsJob.run({}, { db: t.services.db, log: createLogger("silent"), jobId: "test", attempt: 1, services: t.services });

  it("sends each notification once, and takes again a claim left by a runner that died before sending", async () => {
    const { db } = t.services;
    const admin = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    for (const title of ["Fresh", "Abandoned", "Being sent"]) await notify(db, [admin.id], { kind: "test", title });
    const idOf = async (title: string) =>
      (await db.selectFrom("notifications").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
    // "Abandoned": taken 11 minutes ago by a runner that crashed. "Being sent": taken a minute ago by one still at work.
    const claimedAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
    await db
      .updateTable("notifications")
      .set({ email_state: "sending", email_claimed_at: claimedAgo(STALE_CLAIM_MS + 60_000) })
      .where("id", "=", await idOf("Abandoned"))
      .execute();
    await db
      .updateTable("notifications")
      .set({ email_state: "sending", email_claimed_at: claimedAgo(60_000) })
      .where("id", "=", await idOf("Being sent"))
      .execute();

    await runJob();
    await runJob();
    const subjects = smtp.received.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]).sort();
    expect(subjects).toEqual(["Abandoned", "Fresh"]);
    const states = await db.selectFrom("notifications").select(["title", "email_state"]).orderBy("title").execute();
    expect(states).toEqual([
      { title: "Abandoned", email_state: "sent" },
      { title: "Being sent", email_state: "sending" },
      { title: "Fresh", email_state: "sent" },
    ]);
  });
});
