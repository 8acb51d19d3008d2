import type { RawFinding } from "../../types.js";
import type { PackDefinition } from "../pack.js";
import { exclamationRun } from "./exclamationRun.js";
import { hashtagStuffing } from "./hashtagStuffing.js";
import { ignoresComplaint } from "./ignoresComplaint.js";
import { linkOnly } from "./linkOnly.js";
import { noQuestion } from "./noQuestion.js";
import type { NetiquetteRule } from "./rule.js";
import { salesPitch } from "./salesPitch.js";
import { shouting } from "./shouting.js";

// The netiquette employees are taught, as rules: each finding links to its section of the guide.
const RULES: NetiquetteRule[] = [salesPitch, noQuestion, hashtagStuffing, shouting, linkOnly, exclamationRun, ignoresComplaint];

export const netiquettePack: PackDefinition = {
  id: "netiquette",
  title: "Netiquette",
  rules: RULES.map(({ id, description, level }) => ({ id, description, level })),
  build({ enabledRules, maxHashtags, guideUrl }) {
    const active = RULES.filter((r) => enabledRules.has(r.id));
    return (input) => {
      const found: RawFinding[] = [];
      for (const rule of active) {
        for (const hit of rule.find(input, { maxHashtags })) {
          found.push({ source: "netiquette", ruleId: rule.id, url: `${guideUrl}#${rule.anchor}`, ...hit, level: hit.level ?? rule.level });
        }
      }
      return found;
    };
  },
};
