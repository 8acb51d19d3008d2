// The real, built server plus one bare Fastify route in the same process, as
// the HTTP benchmark's baseline. Prints {"port","cookie"} once it listens.
import { buildApp } from "../dist/server/app.js";
import { systemActor } from "../dist/server/audit/context.js";
import { loadConfig } from "../dist/server/config.js";
import { createUser } from "../dist/server/identity/createUser.js";
import { createSession } from "../dist/server/identity/sessions.js";

const config = loadConfig({ ...process.env, LOG_LEVEL: "warn" });
const { app, services } = await buildApp(config, {
  extend: (instance) => {
    instance.get("/bench/bare", { config: { auth: "public" } }, async () => ({ ok: true }));
  },
});
await app.listen({ port: 0, host: "127.0.0.1" });
const user = await createUser(services.db, systemActor("bench"), {
  email: "bench@example.com",
  name: "Bench",
  roles: ["admin"],
  password: "a quiet load generator",
});
const session = await createSession(services.db, { idleMs: 3_600_000, maxMs: 3_600_000 }, user.id, { ip: null, userAgent: "bench" });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port, cookie: `sb_session=${session.token}` })}\n`);
