import type { Level, RawFinding } from "../../types.js";
import type { CheckInput } from "../pack.js";

/** What a netiquette rule reports; the pack adds source, rule id, level and the guide's link. */
export type NetiquetteHit = Pick<RawFinding, "start" | "end" | "actual" | "reason" | "expected"> & { level?: Level };

export interface NetiquetteRule {
  id: string;
  /** Section of the netiquette guide that explains it. */
  anchor: string;
  level: Level;
  description: string;
  find(input: CheckInput, options: { maxHashtags: number }): NetiquetteHit[];
}
