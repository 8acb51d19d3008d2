import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { type BuildOptions, buildApp, type SwitchboardApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import type { DialectName } from "../../server/db/capabilities.js";
import { issueSetupToken } from "../../server/identity/setup.js";
import { createLogger } from "../../server/logger.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export interface TestApp extends SwitchboardApp {
  database: TestDatabase;
  /** A client with its own cookie jar, like one browser. */
  client(): TestClient;
  /** Runs first-run setup and returns a signed-in admin client. */
  setupAdmin(): Promise<TestClient>;
  dispose(): Promise<void>;
}

export const ADMIN = { email: "ada@example.com", name: "Ada Admin", password: "correct horse battery staple" };

export async function createTestApp(
  dialect: DialectName,
  env: Record<string, string> = {},
  options: Pick<BuildOptions, "connectors" | "http"> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent", ...env });
  const built = await buildApp(config, { database, logger: createLogger("silent"), checkResponses: true, ...options });
  const app: TestApp = {
    ...built,
    database,
    client: () => new TestClient(built),
    async setupAdmin() {
      const setup = await issueSetupToken(database.db);
      if (!setup) throw new Error("setup already done");
      const client = new TestClient(built);
      await client.csrf();
      const res = await client.post("/api/setup", { token: setup.token, ...ADMIN });
      if (res.statusCode !== 201) throw new Error(`setup failed: ${res.body}`);
      return client;
    },
    async dispose() {
      await built.close();
      await database.dispose();
    },
  };
  return app;
}

/** Keeps cookies between requests and echoes the CSRF cookie, as the web app does. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;

  constructor(private readonly built: SwitchboardApp) {}

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = this.cookies.get("sb_csrf");
    if (csrf && options.csrf !== false) headers["x-csrf-token"] = csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.built.app.inject({ ...options, headers });
    for (const c of res.cookies) {
      const expired = c.expires !== undefined && c.expires.getTime() <= Date.now();
      if (expired || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request({ method: "GET", url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  patch(url: string, payload: unknown) {
    return this.request({ method: "PATCH", url, payload: payload as object });
  }
  put(url: string, payload: unknown) {
    return this.request({ method: "PUT", url, payload: payload as object });
  }
  delete(url: string) {
    return this.request({ method: "DELETE", url });
  }
  async csrf(): Promise<string> {
    const res = await this.get("/api/auth/csrf");
    return res.json().csrfToken;
  }
  async login(email: string, password: string) {
    if (!this.cookies.has("sb_csrf")) await this.csrf();
    return this.post("/api/auth/login", { email, password });
  }
}
