import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("starting with a broken config", () => {
  it("prints every problem and exits non-zero", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, PORT: "-1", DATABASE_URL: "mysql://nope", LOG_LEVEL: "chatty" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid configuration");
    for (const name of ["PORT", "DATABASE_URL", "LOG_LEVEL"]) expect(result.stderr).toContain(name);
  });
});
