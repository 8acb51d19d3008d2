import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { z } from "zod";
import { type PolicyContextInput, policyContextSchema } from "../../server/policy/context.js";
import { parseLexicon } from "../../server/policy/packs/lexicon/lexiconData.js";
import { createPolicy, hasErrors } from "../../server/policy/policy.js";
import { policySettingsSchema } from "../../server/policy/settings.js";
import type { Finding } from "../../server/policy/types.js";
import { loadStyles, type ValeStyle } from "../../server/policy/vale/loadStyles.js";
import type { CliOptions } from "../context.js";
import { type CliIo, readStdin, say, warn } from "../io.js";
import { ExitCode } from "./audit.js";

// `switchboard lint`: the policy check on the command line, with no database: the built-in packs,
// plus Vale styles, a lexicon and settings given as files. Exit 1 when an error-level finding exists,
// 2 when the input itself is bad.

interface LintFlags {
  format: string;
  context?: string;
  style: string[];
  lexicon?: string;
  settings?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseJson(io: CliIo, what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    warn(io, `Error: ${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    throw new ExitCode(2);
  }
}

function validate<T>(io: CliIo, what: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  warn(io, `Error: ${what} is invalid: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
  throw new ExitCode(2);
}

/** `file:line:column  level  reason  source.ruleId`, as linters print. */
function human(io: CliIo, name: string, findings: Finding[]) {
  for (const f of findings) {
    const fix = f.expected?.length ? ` (use: ${f.expected.map((e) => `“${e}”`).join(" or ")})` : "";
    say(io, `${name}:${f.line}:${f.column}\t${f.level}\t${f.reason}${fix}\t${f.source}.${f.ruleId}`);
  }
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  const e = count("error");
  const w = count("warning");
  const s = count("suggestion");
  say(io, findings.length ? `${e} error(s), ${w} warning(s), ${s} suggestion(s)` : "No findings.");
}

export function registerLintCommands(program: Command, options: CliOptions) {
  program
    .command("lint")
    .description("check a text against the policy (lexicon, language, netiquette, disclosure, claims, campaign risk, Vale styles)")
    .argument("<file>", "the text to check, or - for standard input")
    .option("--format <format>", "text or json (a JSON array of findings)", "text")
    .option(
      "--context <json>",
      'what the text is: {"kind":"post|engagement|reply|advocacy|paid","in_reply_to":"...","brand_sentiment":"negative|neutral|positive"}',
    )
    .option("--style <path>", "a Vale style folder, a StylesPath or a .zip of them (repeatable)", collect, [])
    .option("--lexicon <file>", "the company lexicon as JSON (banned, confidential, competitors, brands, swaps)")
    .option("--settings <file>", "policy settings as JSON (packs and rules switched on/off or re-levelled)")
    .action(async (file: string, flags: LintFlags) => {
      const { io } = options;
      if (flags.format !== "text" && flags.format !== "json") {
        warn(io, `Error: --format must be text or json, not ${flags.format}`);
        throw new ExitCode(2);
      }
      const context = validate(io, "--context", policyContextSchema, flags.context ? parseJson(io, "--context", flags.context) : {});
      const lexicon = flags.lexicon ? parseLexicon(parseJson(io, "--lexicon", await readFile(flags.lexicon, "utf8"))) : undefined;
      const settings = flags.settings
        ? validate(io, "--settings", policySettingsSchema, parseJson(io, "--settings", await readFile(flags.settings, "utf8")))
        : undefined;
      const styles: ValeStyle[] = [];
      for (const location of flags.style) {
        const loaded = await loadStyles(location);
        for (const e of loaded.errors) warn(io, `${e.file}:${e.line}:${e.column}: ${e.rule} not loaded: ${e.message}`);
        for (const u of loaded.unsupported) warn(io, `${u.file}: ${u.rule} not loaded: rule type '${u.extends}' is not supported`);
        styles.push(...loaded.styles);
      }
      const text = file === "-" ? await readStdin(io) : await readFile(file, "utf8");
      const policy = createPolicy({ styles, lexicon, settings });
      const findings = policy.check(text, context as PolicyContextInput);
      if (flags.format === "json") {
        say(io, JSON.stringify(findings, null, 2));
      } else {
        human(io, file === "-" ? "stdin" : file, findings);
      }
      if (hasErrors(findings)) throw new ExitCode(1);
    });
}
