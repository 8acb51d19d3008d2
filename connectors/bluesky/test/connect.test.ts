import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BlueskyPds, startBlueskyPds } from "../../../test/servers/bluesky/pds.js";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { callsTo, clientFor, pdsHttp, signedInAs } from "./support.js";

const CREATE_SESSION = "com.atproto.server.createSession";
const REFRESH_SESSION = "com.atproto.server.refreshSession";
/** Longer than a PDS access token lives (2 hours). */
const THREE_HOURS = 3 * 3600_000;

let pds: BlueskyPds;
let http: HttpClient;
/** Clients with nothing kept: a fresh HttpClient has no sessions. */
const others: HttpClient[] = [];
const freshHttp = () => {
  const other = pdsHttp();
  others.push(other);
  return other;
};
beforeAll(async () => {
  pds = await startBlueskyPds();
});
afterAll(async () => {
  await pds?.stop();
});
beforeEach(() => {
  http = pdsHttp();
});
afterEach(async () => {
  await Promise.all([http, ...others.splice(0)].map((h) => h.close()));
});

describe("Bluesky connector against a real PDS: connecting with an app password", () => {
  it("signs in with the handle and app password, and answers with the DID and handle", async () => {
    const profile = await clientFor(http, pds, pds.alice).verifyCredentials();
    expect(profile).toEqual({
      externalId: pds.alice.did,
      handle: "alice.test",
      displayName: "alice.test",
      url: "https://bsky.app/profile/alice.test",
    });
    expect(profile.externalId).toMatch(/^did:plc:/);
  });

  it("takes a handle typed with its @, and signs in by DID once the account is known", async () => {
    const typed = await clientFor(http, pds, { ...pds.alice, handle: "@alice.test" }).verifyCredentials();
    expect(typed.externalId).toBe(pds.alice.did);
    const byDid = await clientFor(freshHttp(), pds, { ...pds.alice, handle: "renamed.test" }, { byDid: true }).verifyCredentials();
    expect(byDid.handle).toBe("alice.test");
  });

  it("refuses a wrong app password as auth_expired with the PDS's reason, and never repeats the password", async () => {
    const wrong = "wrong-pass-word-1234";
    const error = await rejection(clientFor(http, pds, pds.alice, { secret: wrong }).verifyCredentials());
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toBe("Bluesky: Invalid identifier or password");
    expect(error.networkCode).toBe("AuthenticationRequired");
    expect(JSON.stringify([error.message, http.recent()])).not.toContain(wrong);
  });

  it("keeps the session in memory: a second client for the same account does not sign in again", async () => {
    await clientFor(http, pds, pds.alice).verifyCredentials();
    await clientFor(http, pds, pds.alice).publish({ text: "no second sign-in" }, { idempotencyKey: "session-reuse" });
    expect(callsTo(http, CREATE_SESSION)).toBe(1);
    // Another app password is another session.
    const agent = await signedInAs(pds, pds.alice);
    const other = (await agent.com.atproto.server.createAppPassword({ name: "second" })).data.password;
    await clientFor(http, pds, pds.alice, { secret: other }).verifyCredentials();
    expect(callsTo(http, CREATE_SESSION)).toBe(2);
  });

  it("refreshes an expired session with refreshSession instead of signing in again", async () => {
    await clientFor(http, pds, pds.alice).verifyCredentials();
    await pds.advanceClock(THREE_HOURS);
    const profile = await clientFor(http, pds, pds.alice).verifyCredentials();
    expect(profile.externalId).toBe(pds.alice.did);
    expect(callsTo(http, REFRESH_SESSION)).toBe(1);
    expect(callsTo(http, CREATE_SESSION)).toBe(1);
  });

  it("reports a revoked app password as auth_expired, even with a session kept from before", async () => {
    const agent = await signedInAs(pds, pds.alice);
    const { password } = (await agent.com.atproto.server.createAppPassword({ name: "to-revoke" })).data;
    await clientFor(http, pds, pds.alice, { secret: password }).verifyCredentials();
    await agent.com.atproto.server.revokeAppPassword({ name: "to-revoke" });

    // A client without a kept session finds out at once.
    const fresh = await rejection(clientFor(freshHttp(), pds, pds.alice, { secret: password }).verifyCredentials());
    expect(fresh.kind).toBe("auth_expired");

    // The kept session's access token outlives the revocation (the PDS checks it by signature) until it
    // expires; then the refresh is refused, signing in again is refused, and the account needs reconnecting.
    await pds.advanceClock(THREE_HOURS);
    const kept = await rejection(clientFor(http, pds, pds.alice, { secret: password }).verifyCredentials());
    expect(kept.kind).toBe("auth_expired");
    expect(kept.message).toBe("Bluesky: Invalid identifier or password");
    expect(callsTo(http, REFRESH_SESSION)).toBeGreaterThanOrEqual(1);
  });

  it("says the PDS is unavailable when nothing answers at its address", async () => {
    const error = await rejection(clientFor(http, { ...pds, url: "http://127.0.0.1:9" }, pds.alice).verifyCredentials());
    expect(error.kind).toBe("unavailable");
  });
});
