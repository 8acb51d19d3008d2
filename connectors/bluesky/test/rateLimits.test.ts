import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BlueskyPds, startBlueskyPds } from "../../../test/servers/bluesky/pds.js";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { clientFor, pdsHttp } from "./support.js";

/** A PDS with its production rate limits on (the other test files run without, to sign in freely). */
let pds: BlueskyPds;
let http: HttpClient;
beforeAll(async () => {
  pds = await startBlueskyPds({ rateLimits: true });
});
afterAll(async () => {
  await pds?.stop();
});
beforeEach(() => {
  http = pdsHttp();
});
afterEach(async () => {
  await http.close();
});

describe("Bluesky connector against a real PDS: rate limits", () => {
  it("reads RateLimit-* headers, and turns a 429 into rate_limited until RateLimit-Reset", async () => {
    await clientFor(http, pds, pds.bob).verifyCredentials();
    const signIn = http.recent().find((r) => r.operation === "com.atproto.server.createSession");
    // 30 sign-ins per 5 minutes; the runner signed bob in once to make his app password, this is the second.
    expect(signIn?.rateLimitRemaining).toBe(28);

    // Someone keeps trying alice's password: the PDS allows 30 sign-ins per 5 minutes per handle.
    await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${pds.url}/xrpc/com.atproto.server.createSession`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ identifier: pds.alice.handle, password: "guess" }),
        }),
      ),
    );
    const asked = Date.now();
    const error = await rejection(clientFor(http, pds, pds.alice).verifyCredentials());
    expect(error.kind).toBe("rate_limited");
    expect(error.message).toBe("Bluesky: Rate Limit Exceeded");
    expect(error.resetAt?.getTime()).toBeGreaterThan(asked);
    expect(error.resetAt?.getTime()).toBeLessThanOrEqual(asked + 5 * 60_000 + 1000);
  });
});
