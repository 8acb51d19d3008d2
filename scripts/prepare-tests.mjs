// Run by `npm test` before Vitest: installs the test-only package (browser
// driver, network servers) and builds the web app the browser tests load.
// `npm run lint` runs it with --deps-only.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const run = (cmd) => execSync(cmd, { stdio: "inherit" });
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

const servers = "test/servers";
if (mtime(`${servers}/package-lock.json`) > mtime(`${servers}/node_modules/.package-lock.json`)) {
  console.log("Installing test-only packages (test/servers)...");
  run(`npm ci --prefix ${servers} --no-audit --no-fund`);
}
// `--deps-only`: the type checker needs the test-only packages too (npm run lint).
if (!process.argv.includes("--deps-only")) {
  console.log("Building the web app for the browser tests...");
  run("npm run build:web --silent");
}
