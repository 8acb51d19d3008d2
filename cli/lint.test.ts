import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./main.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const WRITE_GOOD = path.join(ROOT, "server/policy/fixtures/vale/write-good/write-good");
const tmp = mkdtempSync(path.join(os.tmpdir(), "lint-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `switchboard lint` in-process (it needs no database). */
async function lint(args: string[], input = "") {
  let stdout = "";
  let stderr = "";
  const out = new Writable({
    write(chunk, _encoding, done) {
      stdout += chunk;
      done();
    },
  });
  const err = new Writable({
    write(chunk, _encoding, done) {
      stderr += chunk;
      done();
    },
  });
  const code = await runCli(["lint", ...args], { io: { stdout: out, stderr: err, stdin: Readable.from([input]), env: {} } });
  return { code, stdout, stderr };
}

const QANTAS = "To celebrate #QantasLuxury we are giving away a gift pack. Tell us your dream luxury in-flight experience!";

describe("switchboard lint", () => {
  it("prints findings for people, and exits 0 without error-level findings", async () => {
    const file = path.join(tmp, "post.txt");
    writeFileSync(file, "Buy now!!\nThe chairman says hi.");
    const r = await lint([file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}:1:1\twarning\t“Buy now” reads as a sales pitch`);
    expect(r.stdout).toMatch(/post\.txt:2:5\tsuggestion\t.*chairman.*\(use: “chair” or .*\)\tlanguage\.inclusive/);
    expect(r.stdout).toContain("0 error(s), 1 warning(s), 2 suggestion(s)");
  });

  it("--format json prints an array of findings; --context makes it an error (exit 1)", async () => {
    const r = await lint(["--format", "json", "--context", JSON.stringify({ kind: "paid", brand_sentiment: "negative" }), "-"], QANTAS);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings.map((f) => `${f.source}.${f.ruleId}:${f.level}`)).toEqual(
      expect.arrayContaining(["campaign-risk.invitation-during-backlash:error", "disclosure.missing-disclosure:error"]),
    );
    for (const f of findings)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["ruleId", "source", "level", "reason", "start", "end"]));
    expect(findings.find((f) => f.ruleId === "missing-disclosure")?.expected).toEqual([" #ad"]);
  });

  it("the same draft passes under neutral sentiment", async () => {
    const r = await lint(["--format", "json", "--context", '{"brand_sentiment":"neutral"}', "-"], QANTAS);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).not.toContainEqual(expect.objectContaining({ source: "campaign-risk" }));
  });

  it("loads Vale styles, a lexicon and settings; reports rules it could not load and keeps going", async () => {
    const broken = path.join(tmp, "styles/Acme");
    writeFileSync(path.join(tmp, "lexicon.json"), JSON.stringify({ confidential: ["Project Falcon"] }));
    writeFileSync(path.join(tmp, "settings.json"), JSON.stringify({ packs: { netiquette: { enabled: false } } }));
    await import("node:fs/promises").then((fs) => fs.mkdir(broken, { recursive: true }));
    writeFileSync(path.join(broken, "Bad.yml"), "extends: existence\nmessage: 'x' y\n");
    writeFileSync(path.join(broken, "Spell.yml"), "extends: spelling\nmessage: m\n");
    const r = await lint(
      [
        "--style",
        WRITE_GOOD,
        "--style",
        path.join(tmp, "styles"),
        "--lexicon",
        path.join(tmp, "lexicon.json"),
        "--settings",
        path.join(tmp, "settings.json"),
        "-",
      ],
      "So, Project Falcon is a fine kettle of fish. Buy now!!",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Acme[/\\]Bad\.yml:2:\d+: Acme\.Bad not loaded: invalid YAML/);
    expect(r.stderr).toMatch(/Spell\.yml: Acme\.Spell not loaded: rule type 'spelling' is not supported/);
    expect(r.stdout).toContain("write-good.So");
    expect(r.stdout).toContain("write-good.Cliches");
    expect(r.stdout).toContain("lexicon.confidential");
    expect(r.stdout).not.toContain("netiquette.");
  });

  it("bad input exits 2 with a message", async () => {
    expect((await lint(["--context", "{nope", "-"], "hi")).stderr).toContain("--context is not valid JSON");
    const wrongKind = await lint(["--context", '{"kind":"tweet"}', "-"], "hi");
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain("--context is invalid");
    expect((await lint(["--format", "xml", "-"], "hi")).code).toBe(2);
  });

  it("works in a shell pipeline (the real command, spawned)", async () => {
    const run = promisify(execFile);
    const entry = `import(${JSON.stringify(path.join(ROOT, "cli/main.ts"))}).then(async (m) => { process.exitCode = await m.runCli(process.argv.slice(1)); })`;
    const command = `printf '%s' "$TEXT" | "${process.execPath}" --import tsx -e '${entry}' lint --format json --context '{"kind":"engagement"}' - | "${process.execPath}" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).map(f=>f.ruleId).join(",")))'`;
    const { stdout } = await run("sh", ["-c", command], { cwd: ROOT, env: { ...process.env, TEXT: "We opened a new lounge in Lisbon." } });
    expect(stdout.trim()).toBe("no-question");
    const failing = await run(
      "sh",
      ["-c", `printf 'x' | "${process.execPath}" --import tsx -e '${entry}' lint --context '{"kind":"paid"}' -`],
      { cwd: ROOT },
    ).catch((e: { code: number; stdout: string }) => e);
    expect((failing as { code: number }).code).toBe(1);
  }, 60_000);
});
