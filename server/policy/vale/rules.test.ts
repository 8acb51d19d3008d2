import { describe, expect, it } from "vitest";
import { createPolicy } from "../policy.js";
import type { Finding } from "../types.js";
import { loadStylesFromFiles } from "./loadStyles.js";

/** A policy with only the given Vale rules (no built-in packs). */
function valePolicy(files: Record<string, string>, settings = {}) {
  const loaded = loadStylesFromFiles(files);
  return { loaded, policy: createPolicy({ packs: [], styles: loaded.styles, settings }) };
}
const brief = (findings: Finding[]) => findings.map((f) => `${f.source}.${f.ruleId}|${f.level}|${f.actual}|${f.reason}`);

describe("Vale rule types", () => {
  it("existence: tokens as whole words, ignorecase, %s, link, exceptions, action replace", () => {
    const { loaded, policy } = valePolicy({
      "Acme/Hedges.yml": `extends: existence
message: "Avoid the hedge '%s'."
level: warning
link: https://example.com/style#hedges
ignorecase: true
exceptions:
  - Quite Right
action:
  name: replace
  params: [""]
tokens:
  - quite
  - sort of
  - quite right
`,
    });
    expect(loaded.errors).toEqual([]);
    const findings = policy.check("Quite good, sort of. Quite right! Quiteness is fine.");
    expect(brief(findings)).toEqual([
      "Acme.Hedges|warning|Quite|Avoid the hedge 'Quite'.",
      "Acme.Hedges|warning|sort of|Avoid the hedge 'sort of'.",
    ]);
    expect(findings[0]).toMatchObject({ start: 0, end: 5, line: 1, column: 1, url: "https://example.com/style#hedges", expected: [""] });
  });

  it("existence: raw patterns and nonword match inside words", () => {
    const { policy } = valePolicy({
      "Acme/Ellipsis.yml": "extends: existence\nmessage: \"Use '…' not '%s'.\"\nnonword: true\ntokens: ['\\.\\.\\.']\n",
      "Acme/Passive.yml": "extends: existence\nmessage: \"'%s' may be passive.\"\nraw: ['\\b(?:was|were)\\s+']\ntokens: ['\\w+ed']\n",
    });
    expect(brief(policy.check("It was cancelled... sadly"))).toEqual([
      "Acme.Passive|suggestion|was cancelled|'was cancelled' may be passive.",
      "Acme.Ellipsis|suggestion|...|Use '…' not '...'.",
    ]);
  });

  it("substitution: swap gives the expected fix, and the right form is left alone", () => {
    const { policy } = valePolicy({
      "Acme/Terms.yml": `extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: true
swap:
  e-mail: email
  log in to: log into|sign in to
  (?:web site|web-site): website
`,
    });
    const findings = policy.check("Send an E-mail, log in to the web site. Our email and website are fine.");
    expect(findings.map((f) => [f.actual, f.expected, f.reason])).toEqual([
      ["E-mail", ["email"], "Use 'email' instead of 'E-mail'."],
      ["log in to", ["log into", "sign in to"], "Use 'log into' or 'sign in to' instead of 'log in to'."],
      ["web site", ["website"], "Use 'website' instead of 'web site'."],
    ]);
    expect(findings.every((f) => f.level === "error" && f.fatal === true)).toBe(true);
  });

  it("occurrence: max and min per scope", () => {
    const { policy } = valePolicy({
      "Acme/Commas.yml": "extends: occurrence\nmessage: Too many commas (%s).\nscope: sentence\nmax: 2\ntoken: ','\n",
      "Acme/Link.yml": "extends: occurrence\nmessage: Posts need a link.\nscope: raw\nmin: 1\ntoken: 'https?://'\n",
    });
    expect(brief(policy.check("One, two, three, four. Fine, fine."))).toEqual([
      "Acme.Link|suggestion|One, two, three, four. Fine, fine.|Posts need a link.",
      "Acme.Commas|suggestion|,|Too many commas (3).",
    ]);
    expect(policy.check("See https://example.com").map((f) => f.ruleId)).toEqual([]);
  });

  it("repetition: the same word twice in a row, not across sentences", () => {
    const { policy } = valePolicy({
      "Acme/Repeat.yml": "extends: repetition\nmessage: \"'%s' is repeated!\"\nalpha: true\nignorecase: true\ntokens: ['[^\\s]+']\n",
    });
    const findings = policy.check("We love love our customers. Customers. customers matter");
    expect(brief(findings)).toEqual(["Acme.Repeat|suggestion|love love|'love' is repeated!"]);
  });

  it("consistency: only one of each pair in a text", () => {
    const { policy } = valePolicy({
      "Acme/Spelling.yml":
        "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nlevel: warning\nignorecase: true\neither:\n  advisor: adviser\n  color: colour\n",
    });
    expect(brief(policy.check("Our advisor picked a colour. The adviser agreed."))).toEqual([
      "Acme.Spelling|warning|adviser|Inconsistent spelling of 'adviser'.",
    ]);
    expect(policy.check("Our advisor picked a colour.")).toEqual([]);
  });

  it("conditional: an acronym must be defined", () => {
    const { policy } = valePolicy({
      "Acme/Acronyms.yml": `extends: conditional
message: "'%s' has no definition."
first: '\\b([A-Z]{3,5})\\b'
second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions: [FAQ]
`,
    });
    expect(brief(policy.check("The World Health Organization (WHO) and WHO agree; see the FAQ and NASA."))).toEqual([
      "Acme.Acronyms|suggestion|NASA|'NASA' has no definition.",
    ]);
  });

  it("capitalization: $sentence, $upper and a pattern, on the scopes a post has", () => {
    const { policy } = valePolicy({
      "Acme/Hashtags.yml": "extends: capitalization\nmessage: \"Hashtag '%s' should be CamelCase.\"\nscope: hashtag\nmatch: '^#\\p{Lu}'\n",
      "Acme/Sentence.yml":
        "extends: capitalization\nmessage: \"'%s' should be in sentence case.\"\nscope: sentence\nmatch: $sentence\nexceptions: [Switchboard]\n",
    });
    const findings = policy.check("We ship Switchboard today. Our New Release Is Here #launch #BigDay");
    expect(brief(findings)).toEqual([
      "Acme.Sentence|suggestion|Our New Release Is Here #launch #BigDay|'Our New Release Is Here #launch #BigDay' should be in sentence case.",
      "Acme.Hashtags|suggestion|#launch|Hashtag '#launch' should be CamelCase.",
    ]);
  });

  it("metric: a formula over counts with a condition", () => {
    const { policy } = valePolicy({
      "Acme/Long.yml":
        "extends: metric\nmessage: 'Average sentence length is %s words.'\nlevel: warning\nformula: words / sentences\ncondition: '> 10'\n",
      "Acme/Fog.yml":
        "extends: metric\nmessage: 'Fog index %s.'\nformula: 0.4 * ((words / sentences) + 100 * (complex_words / words))\ncondition: '>= 100'\n",
    });
    expect(brief(policy.check("Short one. Another short one."))).toEqual([]);
    const long = policy.check("This sentence certainly goes on for considerably more than ten words in total.");
    expect(brief(long)).toEqual([
      "Acme.Long|warning|This sentence certainly goes on for considerably more than ten words in total.|Average sentence length is 13.00 words.",
    ]);
  });
});

describe("scopes that fit posts", () => {
  const files = {
    "Acme/Word.yml": "extends: existence\nmessage: \"'%s' found\"\nignorecase: true\ntokens: [acme]\n",
    "Acme/Tag.yml": "extends: existence\nmessage: \"tag '%s'\"\nscope: hashtag\nnonword: true\ntokens: ['#acme\\w*']\nignorecase: true\n",
    "Acme/Http.yml": "extends: existence\nmessage: \"insecure '%s'\"\nscope: link\nnonword: true\ntokens: ['http://']\n",
    "Acme/Handle.yml":
      "extends: existence\nmessage: \"handle '%s'\"\nscope: mention\nnonword: true\ntokens: ['@acme\\w*']\nignorecase: true\n",
    "Acme/Heading.yml": 'extends: existence\nmessage: "never"\nscope: heading\ntokens: [acme]\n',
  };
  it("text excludes links and mentions; hashtag, link and mention scopes see only those", () => {
    const { loaded, policy } = valePolicy(files);
    const findings = policy.check("Acme news from @AcmeSupport at http://acme.com #AcmeLife");
    expect(findings.map((f) => `${f.ruleId}:${f.actual}`)).toEqual(
      ["Word:Acme", "Handle:@AcmeSupport", "Http:http://", "Tag:#AcmeLife", "Word:AcmeLife"].filter((x) => x !== "Word:AcmeLife"),
    );
    expect(loaded.notes).toEqual([
      { file: "Acme/Heading.yml", rule: "Acme.Heading", message: expect.stringContaining("'heading' does not occur in posts") },
    ]);
  });
});

describe("levels, re-levelling and switching off", () => {
  const files = {
    "Acme/A.yml": "extends: existence\nmessage: a\nlevel: warning\ntokens: [alpha]\n",
    "Acme/B.yml": "extends: existence\nmessage: b\ntokens: [beta]\n",
  };
  it("defaults to suggestion, keeps the rule's level, and settings override rule then style", () => {
    expect(
      valePolicy(files)
        .policy.check("alpha beta")
        .map((f) => f.level),
    ).toEqual(["warning", "suggestion"]);
    const relevelled = valePolicy(files, { packs: { Acme: { level: "error" } }, rules: { "Acme.B": { level: "warning" } } }).policy;
    expect(relevelled.check("alpha beta").map((f) => f.level)).toEqual(["error", "warning"]);
    expect(
      valePolicy(files, { rules: { "Acme.A": { enabled: false } } })
        .policy.check("alpha beta")
        .map((f) => f.ruleId),
    ).toEqual(["B"]);
    expect(valePolicy(files, { packs: { Acme: { enabled: false } } }).policy.check("alpha beta")).toEqual([]);
    expect(
      valePolicy(files, { minLevel: "warning" })
        .policy.check("alpha beta")
        .map((f) => f.ruleId),
    ).toEqual(["A"]);
  });
});

describe("bad rules", () => {
  it("malformed YAML: an error with file and line, and the other rules keep working", () => {
    const { loaded, policy } = valePolicy({
      "Acme/Good.yml": "extends: existence\nmessage: good\ntokens: [synergy]\n",
      "Acme/Broken.yml": 'extends: existence\nmessage: "broken" quote\ntokens:\n  - foo\n',
      "Acme/Tabs.yml": "extends: existence\nmessage: m\n\ttokens: [foo]\n",
      "Acme/Indent.yml": "extends: existence\nmessage: bad\ntokens:\n  - one\n - two\n",
    });
    expect(loaded.errors).toHaveLength(3);
    const broken = loaded.errors.find((e) => e.file === "Acme/Broken.yml");
    expect(broken).toMatchObject({
      rule: "Acme.Broken",
      line: 2,
      column: 19,
      message: expect.stringMatching(/^invalid YAML: Unexpected scalar/),
    });
    expect(loaded.errors.find((e) => e.file === "Acme/Tabs.yml")).toMatchObject({ line: 3, message: expect.stringMatching(/Tabs/) });
    const indent = loaded.errors.find((e) => e.file === "Acme/Indent.yml");
    expect(indent?.line).toBe(5);
    expect(policy.check("More synergy!").map((f) => f.ruleId)).toEqual(["Good"]);
  });

  it("a missing or wrong key names the key and its line", () => {
    const { loaded } = valePolicy({
      "Acme/NoMessage.yml": "extends: existence\ntokens: [x]\n",
      "Acme/BadLevel.yml": "extends: existence\nmessage: m\nlevel: fatal\ntokens: [x]\n",
      "Acme/NoExtends.yml": "message: m\n",
      "Acme/Weird.yml": "extends: magic\nmessage: m\n",
    });
    const byFile = Object.fromEntries(loaded.errors.map((e) => [e.file, e]));
    expect(byFile["Acme/NoMessage.yml"]?.message).toMatch(/'message'/);
    expect(byFile["Acme/BadLevel.yml"]).toMatchObject({ line: 3, message: expect.stringMatching(/'level'/) });
    expect(byFile["Acme/NoExtends.yml"]?.message).toMatch(/extends/);
    expect(byFile["Acme/Weird.yml"]).toMatchObject({ line: 1, message: expect.stringMatching(/'extends: magic' is not a Vale rule type/) });
  });

  it("rule types it does not run are reported by name, never silently dropped", () => {
    const { loaded } = valePolicy({
      "Acme/Spelling.yml": "extends: spelling\nmessage: \"Did you really mean '%s'?\"\n",
      "Acme/Grade.yml": "extends: readability\nmessage: Grade %s\nmetrics: [Flesch-Kincaid]\ngrade: 8\n",
      "Acme/Order.yml": "extends: sequence\nmessage: m\ntokens: []\n",
      "Acme/Ok.yml": "extends: existence\nmessage: m\ntokens: [x]\n",
    });
    expect(loaded.unsupported).toEqual([
      { file: "Acme/Grade.yml", rule: "Acme.Grade", extends: "readability" },
      { file: "Acme/Order.yml", rule: "Acme.Order", extends: "sequence" },
      { file: "Acme/Spelling.yml", rule: "Acme.Spelling", extends: "spelling" },
    ]);
    expect(loaded.styles[0]?.rules.map((r) => r.name)).toEqual(["Ok"]);
  });

  it("a catastrophically backtracking pattern cannot hang the process: (a+)+$ runs in linear time", () => {
    const { loaded, policy } = valePolicy({ "Acme/Evil.yml": "extends: existence\nmessage: evil\nnonword: true\nraw: ['(a+)+$']\n" });
    expect(loaded.errors).toEqual([]);
    // With a backtracking engine this input takes 2^30 steps (minutes); RE2 answers at once.
    const started = performance.now();
    expect(policy.check("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")).toEqual([]);
    expect(policy.check(`${"a".repeat(50_000)}!`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(/(a+)+$/.source).toBe("(a+)+$"); // the same pattern that hangs V8's RegExp
  });

  it("patterns RE2 cannot run (lookahead, backreferences) are rejected at load with file and line", () => {
    const { loaded, policy } = valePolicy({
      "Acme/Ahead.yml": "extends: existence\nmessage: m\ntokens:\n  - fine\n  - 'foo(?=bar)'\n",
      "Acme/Back.yml": "extends: existence\nmessage: m\nnonword: true\nraw: ['(\\w+) \\1']\n",
      "Acme/Behind.yml": "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens: ['(?<!e-)mail']\n",
      "Acme/Swap.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  colour: color\n  data(?! set): information\n",
    });
    expect(loaded.errors.find((e) => e.file === "Acme/Swap.yml")).toMatchObject({
      line: 5,
      message: expect.stringMatching(/swap 'data\(\?! set\)' skipped/),
    });
    expect(policy.check("A colour.").map((f) => f.expected)).toEqual([["color"]]);
    const byFile = Object.fromEntries(loaded.errors.map((e) => [e.file, e]));
    // The bad token is named on its own line; the rule's other token still runs.
    expect(byFile["Acme/Ahead.yml"]).toMatchObject({
      line: 5,
      message: expect.stringMatching(/token 'foo\(\?=bar\)' skipped .*lookahead .* not supported/),
    });
    expect(policy.check("fine foobar").map((f) => f.actual)).toEqual(["fine"]);
    expect(byFile["Acme/Back.yml"]).toMatchObject({ line: 4, message: expect.stringMatching(/backreferences .* not supported/) });
    // Captureless lookbehind runs in linear time on re2js, so it is allowed.
    expect(
      policy
        .check("e-mail or mail")
        .filter((f) => f.ruleId === "Behind")
        .map((f) => f.start),
    ).toEqual([10]);
  });
});
