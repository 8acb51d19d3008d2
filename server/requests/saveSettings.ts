import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { badRequest } from "../errors.js";
import { calendarProblems } from "../sla/calendar.js";
import type { FormField, Priority, Workflow } from "./model.js";

/**
 * Admins' changes to the help desk's configuration: each saves one thing (created when its id is
 * new) and records an audit event. Requests already filed keep the SLA targets their clocks started with.
 */
async function audited(trx: Database, audit: AuditActor, kind: string, id: string, existed: boolean, changes: Record<string, unknown>) {
  await recordAudit(trx, audit, {
    action: `request.${kind}_saved`,
    targetType: `request_${kind}`,
    targetId: id,
    summary: `${existed ? "Changed" : "Added"} help desk ${kind.replace("_", " ")} ${id}`,
    changes,
  });
}

export async function saveQueue(db: Database, audit: AuditActor, id: string, input: { name: string; teamId: string | null }) {
  await db.transaction().execute(async (trx) => {
    if (input.teamId && !(await trx.selectFrom("teams").select("id").where("id", "=", input.teamId).executeTakeFirst())) {
      throw badRequest("team_not_found", "There is no such team.");
    }
    const existed = await trx.selectFrom("request_queues").select("id").where("id", "=", id).executeTakeFirst();
    const values = { name: input.name, team_id: input.teamId, updated_at: new Date().toISOString() };
    if (existed) await trx.updateTable("request_queues").set(values).where("id", "=", id).execute();
    else
      await trx
        .insertInto("request_queues")
        .values({ id, ...values })
        .execute();
    await audited(trx, audit, "queue", id, Boolean(existed), input);
  });
}

export async function saveCalendar(
  db: Database,
  audit: AuditActor,
  id: string,
  input: { name: string; timeZone: string; weekly: { day: number; start: string; end: string }[]; holidays: string[] },
) {
  const problems = calendarProblems(input);
  if (problems.length > 0) throw badRequest("invalid_calendar", problems.join(" "), { problems });
  await db.transaction().execute(async (trx) => {
    const existed = await trx.selectFrom("sla_calendars").select("id").where("id", "=", id).executeTakeFirst();
    const values = {
      name: input.name,
      time_zone: input.timeZone,
      weekly: JSON.stringify(input.weekly),
      holidays: JSON.stringify([...new Set(input.holidays)].sort()),
      updated_at: new Date().toISOString(),
    };
    if (existed) await trx.updateTable("sla_calendars").set(values).where("id", "=", id).execute();
    else
      await trx
        .insertInto("sla_calendars")
        .values({ id, ...values })
        .execute();
    await audited(trx, audit, "calendar", id, Boolean(existed), input);
  });
}

export async function savePolicy(
  db: Database,
  audit: AuditActor,
  id: string,
  input: {
    name: string;
    calendarId: string;
    firstResponseMinutes: number;
    nextResponseMinutes: number;
    resolutionMinutes: number;
    warnBeforeMinutes: number;
  },
) {
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom("sla_calendars").select("id").where("id", "=", input.calendarId).executeTakeFirst())) {
      throw badRequest("sla_calendar_not_found", "There is no such calendar.");
    }
    const existed = await trx.selectFrom("sla_policies").select("id").where("id", "=", id).executeTakeFirst();
    const values = {
      name: input.name,
      calendar_id: input.calendarId,
      first_response_minutes: input.firstResponseMinutes,
      next_response_minutes: input.nextResponseMinutes,
      resolution_minutes: input.resolutionMinutes,
      warn_before_minutes: input.warnBeforeMinutes,
      updated_at: new Date().toISOString(),
    };
    if (existed) await trx.updateTable("sla_policies").set(values).where("id", "=", id).execute();
    else
      await trx
        .insertInto("sla_policies")
        .values({ id, ...values })
        .execute();
    await audited(trx, audit, "policy", id, Boolean(existed), input);
  });
}

export async function saveType(
  db: Database,
  audit: AuditActor,
  key: string,
  input: {
    name: string;
    description: string;
    queueId: string;
    policyId: string;
    defaultPriority: Priority;
    fields: FormField[];
    workflow: Workflow;
    position: number;
    enabled: boolean;
  },
) {
  const keys = input.fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw badRequest("duplicate_field", "Two fields have the same key.");
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom("request_queues").select("id").where("id", "=", input.queueId).executeTakeFirst())) {
      throw badRequest("queue_not_found", "There is no such queue.");
    }
    if (!(await trx.selectFrom("sla_policies").select("id").where("id", "=", input.policyId).executeTakeFirst())) {
      throw badRequest("sla_policy_not_found", "There is no such SLA policy.");
    }
    const existed = await trx.selectFrom("request_types").select("key").where("key", "=", key).executeTakeFirst();
    const values = {
      name: input.name,
      description: input.description,
      queue_id: input.queueId,
      policy_id: input.policyId,
      default_priority: input.defaultPriority,
      fields: JSON.stringify(input.fields),
      workflow: input.workflow,
      position: input.position,
      enabled: input.enabled ? 1 : 0,
      updated_at: new Date().toISOString(),
    };
    if (existed) await trx.updateTable("request_types").set(values).where("key", "=", key).execute();
    else
      await trx
        .insertInto("request_types")
        .values({ key, ...values })
        .execute();
    await audited(trx, audit, "type", key, Boolean(existed), input);
  });
}
