import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe(path.resolve("./data"));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.baseUrl).toBe("http://localhost:8080");
    expect(c.secureCookies).toBe(false);
  });

  it("reads secrets from *_FILE", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cfg-"));
    const file = path.join(dir, "db");
    writeFileSync(file, "postgres://u:p@db/switchboard\n");
    expect(loadConfig({ DATABASE_URL_FILE: file }).databaseUrl).toBe("postgres://u:p@db/switchboard");
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", BASE_URL: "ftp://x", LOG_LEVEL: "loud", REDIS_URL_FILE: "/nonexistent" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const name of ["PORT", "DATABASE_URL", "BASE_URL", "LOG_LEVEL", "REDIS_URL_FILE"]) expect(problems).toContain(name);
      expect((err as ConfigError).problems).toHaveLength(5);
    }
  });
});
