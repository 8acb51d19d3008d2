import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import type { Approver, StepSpec } from "./model.js";

export type WorkflowScope = "account" | "campaign";

export interface WorkflowFields {
  name: string;
  scopeType: WorkflowScope;
  scopeId: string;
  expireMinutesBefore: number;
  steps: StepSpec[];
}

export interface Workflow extends WorkflowFields {
  id: string;
  createdAt: string;
  updatedAt: string;
}

type Row = Awaited<ReturnType<ReturnType<typeof selectWorkflows>["execute"]>>[number];
const selectWorkflows = (db: Database) => db.selectFrom("approval_workflows").selectAll();

const toWorkflow = (row: Row): Workflow => ({
  id: row.id,
  name: row.name,
  scopeType: row.scope_type as WorkflowScope,
  scopeId: row.scope_id,
  expireMinutesBefore: row.expire_minutes_before,
  steps: JSON.parse(row.steps) as StepSpec[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function listWorkflows(db: Database): Promise<Workflow[]> {
  return (await selectWorkflows(db).orderBy("name").execute()).map(toWorkflow);
}

/** The workflows that apply to a post on these channels in this campaign: channels first, in order. */
export async function workflowsFor(db: Database, accountIds: readonly string[], campaignId: string | null): Promise<Workflow[]> {
  if (accountIds.length === 0 && !campaignId) return [];
  const rows = await selectWorkflows(db)
    .where((eb) =>
      eb.or([
        ...(accountIds.length > 0 ? [eb.and([eb("scope_type", "=", "account"), eb("scope_id", "in", accountIds)])] : []),
        ...(campaignId ? [eb.and([eb("scope_type", "=", "campaign"), eb("scope_id", "=", campaignId)])] : []),
      ]),
    )
    .execute();
  const rank = (w: Row) => (w.scope_type === "account" ? accountIds.indexOf(w.scope_id) : accountIds.length);
  return rows.sort((a, b) => rank(a) - rank(b)).map(toWorkflow);
}

async function checkScope(db: Database, scopeType: WorkflowScope, scopeId: string) {
  const found =
    scopeType === "account"
      ? await db.selectFrom("accounts").select("id").where("id", "=", scopeId).executeTakeFirst()
      : await db.selectFrom("campaigns").select("id").where("id", "=", scopeId).executeTakeFirst();
  if (!found) throw new AppError(404, `${scopeType}_not_found`, `That ${scopeType} was not found.`);
}

/** Every approver must exist: a step nobody can decide would hold posts forever. */
async function checkApprovers(db: Database, steps: readonly StepSpec[]) {
  const ids = (type: Approver["type"]) => [...new Set(steps.flatMap((s) => s.approvers.filter((a) => a.type === type).map((a) => a.id)))];
  const users = ids("user");
  const teams = ids("team");
  const foundUsers = users.length ? await db.selectFrom("users").select("id").where("id", "in", users).execute() : [];
  const foundTeams = teams.length ? await db.selectFrom("teams").select("id").where("id", "in", teams).execute() : [];
  const missing = [
    ...users.filter((id) => !foundUsers.some((u) => u.id === id)).map((id) => ({ type: "user", id })),
    ...teams.filter((id) => !foundTeams.some((t) => t.id === id)).map((id) => ({ type: "team", id })),
  ];
  if (missing.length > 0) {
    throw new AppError(400, "approver_not_found", "Some approvers do not exist: choose existing users or teams.", {
      details: { missing },
    });
  }
}

/** Creates or replaces the workflow of a channel or campaign. */
export async function saveWorkflow(db: Database, audit: AuditActor, fields: WorkflowFields): Promise<string> {
  await checkScope(db, fields.scopeType, fields.scopeId);
  await checkApprovers(db, fields.steps);
  const now = new Date().toISOString();
  const existing = await db
    .selectFrom("approval_workflows")
    .select("id")
    .where("scope_type", "=", fields.scopeType)
    .where("scope_id", "=", fields.scopeId)
    .executeTakeFirst();
  const id = existing?.id ?? randomUUID();
  const values = {
    name: fields.name,
    expire_minutes_before: fields.expireMinutesBefore,
    steps: JSON.stringify(fields.steps),
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable("approval_workflows").set(values).where("id", "=", id).execute();
    else
      await trx
        .insertInto("approval_workflows")
        .values({ id, scope_type: fields.scopeType, scope_id: fields.scopeId, created_at: now, ...values })
        .execute();
    await recordAudit(trx, audit, {
      action: existing ? "approval_workflow.updated" : "approval_workflow.created",
      targetType: "approval_workflow",
      targetId: id,
      summary: `${existing ? "Changed" : "Created"} approval workflow ${fields.name} (${fields.steps.length} step${fields.steps.length === 1 ? "" : "s"})`,
    });
  });
  return id;
}

export async function deleteWorkflow(db: Database, audit: AuditActor, id: string): Promise<void> {
  const row = await db.selectFrom("approval_workflows").select("name").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Approval workflow", "workflow_not_found");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("approval_workflows").where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "approval_workflow.deleted",
      targetType: "approval_workflow",
      targetId: id,
      summary: `Deleted approval workflow ${row.name}; posts already under review keep their steps`,
    });
  });
}

export async function findWorkflow(db: Database, id: string): Promise<Workflow> {
  const row = await selectWorkflows(db).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Approval workflow", "workflow_not_found");
  return toWorkflow(row);
}
