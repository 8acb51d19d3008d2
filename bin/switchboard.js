#!/usr/bin/env node
// The `switchboard` command. Runs the compiled CLI; builds it first when a
// fresh checkout has not been built yet.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "dist", "cli", "main.js");
if (!existsSync(entry)) {
  process.stderr.write("Building Switchboard's server code (first run)...\n");
  execSync("npm run build:server --silent", { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}
const { runCli } = await import(pathToFileURL(entry).href);
process.exitCode = await runCli(process.argv.slice(2));
