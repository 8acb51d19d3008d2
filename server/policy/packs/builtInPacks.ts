import { campaignRiskPack } from "./campaignRiskPack.js";
import { claimsPack } from "./claimsPack.js";
import { disclosurePack } from "./disclosurePack.js";
import { languagePack } from "./languagePack.js";
import { lexiconPack } from "./lexicon/lexiconPack.js";
import { netiquettePack } from "./netiquette/netiquettePack.js";
import type { PackDefinition } from "./pack.js";

/** Every built-in pack, in the order their findings are listed for the same position. */
export const BUILT_IN_PACKS: readonly PackDefinition[] = [
  campaignRiskPack,
  disclosurePack,
  lexiconPack,
  claimsPack,
  netiquettePack,
  languagePack,
];
