import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { createPolicy } from "../policy.js";
import { loadStyles, loadStylesFromZip } from "./loadStyles.js";

const WRITE_GOOD = path.join(import.meta.dirname, "../fixtures/vale/write-good/write-good");
const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-styles-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeGoodZip(prefix: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(WRITE_GOOD)) files[`${prefix}write-good/${f}`] = new Uint8Array(readFileSync(path.join(WRITE_GOOD, f)));
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files);
}

describe("loading Vale styles", () => {
  it("a StylesPath with a style folder, vocabularies skipped", async () => {
    const loaded = await loadStyles(path.dirname(WRITE_GOOD));
    expect(loaded.styles.map((s) => [s.name, s.rules.length])).toEqual([["write-good", 8]]);
  });

  it("a .zip of a StylesPath (what the management UI uploads), bad files reported, the rest loaded", async () => {
    const zip = writeGoodZip("styles/", {
      "styles/write-good/Broken.yml": "extends: existence\nmessage: m\n\ttokens: [x]\n",
      "styles/write-good/Spelling.yml": "extends: spelling\nmessage: m\n",
      "styles/config/vocabularies/Acme/accept.txt": "Switchboard\n",
      "styles/write-good/README.md": "not a rule",
    });
    const file = path.join(tmp, "styles.zip");
    writeFileSync(file, zip);
    for (const loaded of [loadStylesFromZip(zip), await loadStyles(file)]) {
      expect(loaded.styles.map((s) => [s.name, s.rules.length])).toEqual([["write-good", 8]]);
      expect(loaded.errors).toEqual([
        expect.objectContaining({ file: "styles/write-good/Broken.yml", line: 3, rule: "write-good.Broken" }),
      ]);
      expect(loaded.unsupported).toEqual([{ file: "styles/write-good/Spelling.yml", rule: "write-good.Spelling", extends: "spelling" }]);
    }
    const policy = createPolicy({ packs: [], styles: loadStylesFromZip(zip).styles });
    expect(policy.check("So, there is a very fine kettle of fish.").map((f) => `${f.source}.${f.ruleId}`)).toContain("write-good.Cliches");
  });
});
