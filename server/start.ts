import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { issueSetupToken } from "./identity/setup.js";
import { startInboxStreams } from "./inbox/streams/manager.js";
import { createLogger } from "./logger.js";
import { startPublishLoop } from "./posts/engine/loop.js";

/** `npm start`: one process serving the UI, the API and the job runner. */
export async function startServer() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const { app, services, close } = await buildApp(config, { logger: log });
  await app.listen({ port: config.port, host: config.host });
  services.jobs.start();
  // Live X and Mastodon streams beside polling (docs/inbox.md "Streams"): in this process only.
  const streams = startInboxStreams(services, log.child({ component: "inbox-streams" }));
  // With PUBLISH_IN_SERVER=false only `switchboard worker` processes publish.
  const publishing = config.publishInServer ? startPublishLoop(services, log.child({ component: "publishing" })) : undefined;

  const setup = await issueSetupToken(services.db);
  if (setup) {
    // Printed to the terminal on purpose, not logged: whoever runs the server creates the first admin.
    process.stdout.write(
      `\n  Switchboard has no users yet. Create the first admin within the hour at:\n\n    ${config.baseUrl}/setup#token=${setup.token}\n\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    await publishing?.stop();
    await streams.stop();
    await close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
