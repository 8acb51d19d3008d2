import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "server/**/*.test.ts",
      "shared/**/*.test.ts",
      "cli/**/*.test.ts",
      "connectors/**/*.test.ts",
      "test/**/*.test.ts",
      "web/src/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One process per worker for the whole run: starting a process per file costs more than the
    // tests of most files. Tests share no module state (each builds its own app and database).
    isolate: false,
    // Two cores: keep parallelism modest so PostgreSQL and Chromium are not starved.
    maxWorkers: 2,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
