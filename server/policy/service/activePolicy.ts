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
  let cached: { version: number; active: Promise<ActivePolicy> } | undefined;
  const build = async (executor: Database): Promise<ActivePolicy> => {
    const config = await loadPolicyConfig(executor);
    const styles = await loadStoredStyles(executor);
    const policy = createPolicy({ settings: config.settings, lexicon: config.lexicon, styles: styles.styles });
    return { policy, config, styles };
  };
  return {
    /** `executor`: the transaction the caller is in (SQLite has one connection: a query outside it would wait for it). */
    async current(executor: Database = db): Promise<ActivePolicy> {
      const version = await policyVersion(executor);
      if (!cached || cached.version !== version) {
        const active = build(executor);
        cached = { version, active };
        active.catch(() => {
          if (cached?.active === active) cached = undefined;
        });
      }
      return cached.active;
    },
  };
}

export type PolicyCache = ReturnType<typeof policyCache>;
