import type { PolicyContext } from "../context.js";
import type { PostText } from "../text/postText.js";
import type { Level, RawFinding } from "../types.js";
import type { LexiconData } from "./lexicon/lexiconData.js";

/** What a pack's checker gets on every check. */
export interface CheckInput {
  post: PostText;
  context: PolicyContext;
}

export type Checker = (input: CheckInput) => RawFinding[];

export interface PackRule {
  id: string;
  description: string;
  level: Level;
}

/** Options the policy builds packs with (settings that are not on/off or levels). */
export interface PackOptions {
  /** Rule ids of this pack that are switched on; a pack may skip work for the others. */
  enabledRules: ReadonlySet<string>;
  lexicon: LexiconData;
  /** More hashtags than this is stuffing (netiquette). */
  maxHashtags: number;
  /** Readers' age retext-readability aims at. */
  readabilityAge: number;
  /** Base of the guide's address; a finding's url is `${guideUrl}#anchor`. */
  guideUrl: string;
}

/** A built-in rule pack: its rules (for settings and the management UI) and how to build its checker. */
export interface PackDefinition {
  id: string;
  title: string;
  rules: PackRule[];
  build(options: PackOptions): Checker;
}
