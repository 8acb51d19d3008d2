import type { Database } from "../../db/database.js";
import { createPolicy, type Policy } from "../policy.js";
import { loadPolicyConfig, loadStoredStyles, type PolicyConfig, policyVersion } from "./config.js";

export interface ActivePolicy {
  policy: Policy;
  config: PolicyConfig;
  styles: Awaited<ReturnType<typeof loadStoredStyles>>;
}

/**
 * The organisation's policy, built once per version: every check asks the database for the version
 * (one small query) and rebuilds only when another request or process changed the policy.
 */
export function policyCache(db: Database) {
  let cached: { version: number; active: Promise<ActivePolicy>; value?: ActivePolicy } | undefined;
  const build = async (executor: Database): Promise<ActivePolicy> => {
    const config = await loadPolicyConfig(executor);
    const styles = await loadStoredStyles(executor);
    const policy = createPolicy({ settings: config.settings, lexicon: config.lexicon, styles: styles.styles });
    return { policy, config, styles };
  };
  return {
    /**
     * `executor`: the transaction the caller is in. SQLite has one connection, so a caller inside a
     * transaction must neither query outside it nor wait for a build that does: it takes a finished
     * policy of the current version, or builds its own through the transaction.
     */
    async current(executor: Database = db): Promise<ActivePolicy> {
      const version = await policyVersion(executor);
      if (cached?.version === version && (executor === db || cached.value)) return cached.value ?? cached.active;
      const active = build(executor);
      const entry: NonNullable<typeof cached> = { version, active };
      cached = entry;
      active.then(
        (value) => {
          entry.value = value;
        },
        () => {
          if (cached === entry) cached = undefined;
        },
      );
      return active;
    },
  };
}

export type PolicyCache = ReturnType<typeof policyCache>;
