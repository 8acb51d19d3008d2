import { z } from "zod";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { AppError, badRequest } from "../../errors.js";
import { checkAssignee, checkTeam } from "../conversations/references.js";
import { checkPolicy } from "../sla/policies.js";
import { RoutingActions, RoutingCondition, type RoutingRule } from "./rules.js";

const StoredConditions = z.array(RoutingCondition);

/**
 * The routing rules in the order they apply (what ingestion compiles with `compileRules`). A stored
 * rule that no longer parses (written by an older version) is left out rather than stopping
 * ingestion; saving the rules through the API rewrites every one of them validated.
 */
export async function loadRoutingRules(db: Database): Promise<RoutingRule[]> {
  const rows = await db.selectFrom("inbox_routing_rules").selectAll().orderBy("position").orderBy("id").execute();
  const rules: RoutingRule[] = [];
  for (const row of rows) {
    const conditions = StoredConditions.safeParse(parseJson(row.conditions));
    const actions = RoutingActions.safeParse(parseJson(row.actions));
    if (!conditions.success || !actions.success) continue;
    rules.push({
      id: row.id,
      name: row.name,
      enabled: Boolean(row.enabled),
      conditions: conditions.data,
      actions: actions.data,
      stop: Boolean(row.stop),
    });
  }
  return rules;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export type RoutingRuleInput = Omit<RoutingRule, "id"> & { id?: string | undefined };

const knownZone = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** What the rules refer to must exist now: a rule routing to a deleted team would silently route nowhere. */
async function checkRules(trx: Database, rules: readonly RoutingRuleInput[]) {
  const ids = rules.flatMap((r) => (r.id ? [r.id] : []));
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw badRequest("duplicate_rule_id", "Two rules have the same id.", { id: repeated });
  for (const [index, rule] of rules.entries()) {
    try {
      if (rule.actions.assigneeId) await checkAssignee(trx, rule.actions.assigneeId);
      if (rule.actions.teamId) await checkTeam(trx, rule.actions.teamId);
      if (rule.actions.slaPolicyId) await checkPolicy(trx, rule.actions.slaPolicyId);
    } catch (error) {
      // Say which rule: the same codes as a conversation's assignee or team, with the rule's place.
      if (error instanceof AppError)
        throw badRequest(error.code, `Rule ${index + 1}: ${error.message}`, { ...(error.details as object), rule: index });
      throw error;
    }
    for (const condition of rule.conditions) {
      if (condition.field === "hours" && !knownZone(condition.timeZone)) {
        throw badRequest(
          "unknown_time_zone",
          `${condition.timeZone} is not a time zone this server knows (use an IANA name such as Europe/Berlin).`,
          {
            rule: index,
            timeZone: condition.timeZone,
          },
        );
      }
    }
  }
}

/** Replaces every routing rule, in the order given (ids kept when given, new ones made otherwise). Audited. */
export async function replaceRoutingRules(db: Database, audit: AuditActor, rules: readonly RoutingRuleInput[], at = new Date()) {
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    await checkRules(trx, rules);
    const before = await trx.selectFrom("inbox_routing_rules").select(["id", "name", "created_at"]).orderBy("position").execute();
    const created = new Map(before.map((r) => [r.id, r.created_at]));
    await trx.deleteFrom("inbox_routing_rules").execute();
    const rows = rules.map((rule, position) => {
      const id = rule.id ?? timeOrderedId();
      return {
        id,
        position,
        name: rule.name,
        enabled: rule.enabled ? 1 : 0,
        conditions: JSON.stringify(rule.conditions),
        actions: JSON.stringify(rule.actions),
        stop: rule.stop ? 1 : 0,
        created_at: created.get(id) ?? now,
        updated_at: now,
      };
    });
    if (rows.length > 0) await trx.insertInto("inbox_routing_rules").values(rows).execute();
    await recordAudit(trx, audit, {
      action: "inbox.routing_rules.replaced",
      targetType: "inbox_routing_rules",
      summary: `Saved the inbox routing rules (${rows.length} rule${rows.length === 1 ? "" : "s"})`,
      changes: { rules: [before.map((r) => r.name), rows.map((r) => r.name)] },
    });
  });
}
