import type { Level, PolicySettings, RuleToggle } from "../../api/policy.js";
import { LEVEL_LABELS, sourceTitle } from "./labels.js";

type ToggleMap = Record<string, RuleToggle>;

/**
 * Sets one field of a pack's or rule's toggle, leaving it out when it equals what would apply anyway,
 * so the saved settings hold only real overrides (and a rule keeps following its pack).
 */
export function setToggle<K extends keyof RuleToggle>(
  map: ToggleMap,
  key: string,
  field: K,
  value: RuleToggle[K] | undefined,
  inherited: RuleToggle[K] | undefined,
): ToggleMap {
  const next: RuleToggle = { ...map[key] };
  if (value === undefined || value === inherited) delete next[field];
  else next[field] = value;
  const rest = { ...map };
  delete rest[key];
  return Object.keys(next).length === 0 ? rest : { ...rest, [key]: next };
}

const levelName = (level: Level | undefined, own: string) => (level ? LEVEL_LABELS[level] : own);

/** What the draft changes, one sentence per change, for the "unsaved changes" list beside Save. */
export function describeChanges(saved: PolicySettings, draft: PolicySettings): string[] {
  const changes: string[] = [];
  const compare = (savedMap: ToggleMap, draftMap: ToggleMap, nameOf: (key: string) => string, own: string, unset: string) => {
    for (const key of [...new Set([...Object.keys(savedMap), ...Object.keys(draftMap)])].sort()) {
      const before = savedMap[key] ?? {};
      const after = draftMap[key] ?? {};
      if (before.enabled !== after.enabled) {
        const what = after.enabled === false ? "switched off" : after.enabled === true ? "switched on" : unset;
        changes.push(`${nameOf(key)} ${what}`);
      }
      if (before.level !== after.level)
        changes.push(`${nameOf(key)}: ${levelName(after.level, own)} (was ${levelName(before.level, own).toLowerCase()})`);
    }
  };
  compare(saved.packs, draft.packs, sourceTitle, "Each rule's own level", "switched on");
  compare(saved.rules, draft.rules, (id) => id, "Default level", "follows its pack again");
  if (saved.minLevel !== draft.minLevel)
    changes.push(`Findings shown from: ${LEVEL_LABELS[draft.minLevel]} (was ${LEVEL_LABELS[saved.minLevel].toLowerCase()})`);
  if (saved.maxHashtags !== draft.maxHashtags) changes.push(`Most hashtags: ${draft.maxHashtags} (was ${saved.maxHashtags})`);
  if (saved.readabilityAge !== draft.readabilityAge) changes.push(`Reader age: ${draft.readabilityAge} (was ${saved.readabilityAge})`);
  if (saved.guideUrl !== draft.guideUrl) changes.push(`Guide address: ${draft.guideUrl}`);
  return changes;
}
