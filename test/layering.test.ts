import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dependencies point one way (ENGINEERING.md): the server, the CLI and the connectors never import the web
// app (the build compiles the server with tsc and the web app with Vite into dist/web, which Vite empties:
// a server module importing from web/ went missing from the build, and `npm start` failed), and the web app
// talks to the server only through the HTTP API. Code both use lives in shared/, which imports neither.
const ROOT = path.resolve(import.meta.dirname, "..");

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !file.split(path.sep).includes("node_modules") && !file.split(path.sep).includes("test"));
}

/** The project folders a file's relative imports reach into ("web", "server", …). */
function foldersImportedBy(file: string): Set<string> {
  const folders = new Set<string>();
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)) {
    const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier as string));
    folders.add(target.split(path.sep)[0] as string);
  }
  return folders;
}

const offenders = (dirs: string[], forbidden: string[]) =>
  dirs.flatMap((dir) =>
    sourcesUnder(dir).flatMap((file) =>
      [...foldersImportedBy(file)].filter((f) => forbidden.includes(f)).map((f) => `${path.relative(ROOT, file)} → ${f}/`),
    ),
  );

describe("the project's layers", () => {
  it("the server, CLI and connectors import nothing from the web app", () => {
    expect(offenders(["server", "cli", "connectors"], ["web"])).toEqual([]);
  });
  it("the web app imports nothing from the server, CLI or connectors", () => {
    expect(offenders(["web/src"], ["server", "cli", "connectors"])).toEqual([]);
  });
  it("shared code imports neither side", () => {
    expect(offenders(["shared"], ["server", "web", "cli", "connectors"])).toEqual([]);
  });
});
