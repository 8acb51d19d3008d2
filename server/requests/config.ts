import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import type { BusinessCalendar } from "../sla/calendar.js";
import type { FormField, Priority, Workflow } from "./model.js";

/** The admin-configured parts of the help desk: types, queues, SLA policies and their calendars. */
export interface RequestType {
  key: string;
  name: string;
  description: string;
  queueId: string;
  policyId: string;
  defaultPriority: Priority;
  fields: FormField[];
  workflow: Workflow;
  position: number;
  enabled: boolean;
}

export interface SlaPolicy {
  id: string;
  name: string;
  calendarId: string;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
  warnBeforeMinutes: number;
}

export interface Calendar extends BusinessCalendar {
  id: string;
  name: string;
  weekly: { day: number; start: string; end: string }[];
  holidays: string[];
}

export interface Queue {
  id: string;
  name: string;
  teamId: string | null;
}

type TypeRow = {
  key: string;
  name: string;
  description: string;
  queue_id: string;
  policy_id: string;
  default_priority: string;
  fields: string;
  workflow: string;
  position: number;
  enabled: number;
};

const toType = (r: TypeRow): RequestType => ({
  key: r.key,
  name: r.name,
  description: r.description,
  queueId: r.queue_id,
  policyId: r.policy_id,
  defaultPriority: r.default_priority as Priority,
  fields: JSON.parse(r.fields) as FormField[],
  workflow: r.workflow as Workflow,
  position: r.position,
  enabled: r.enabled === 1,
});

export async function listTypes(db: Database): Promise<RequestType[]> {
  const rows = await db.selectFrom("request_types").selectAll().orderBy("position").orderBy("key").execute();
  return rows.map(toType);
}

export async function typeByKey(db: Database, key: string): Promise<RequestType | undefined> {
  const row = await db.selectFrom("request_types").selectAll().where("key", "=", key).executeTakeFirst();
  return row ? toType(row) : undefined;
}

export async function listQueues(db: Database): Promise<Queue[]> {
  const rows = await db.selectFrom("request_queues").selectAll().orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, teamId: r.team_id }));
}

export async function listPolicies(db: Database): Promise<SlaPolicy[]> {
  const rows = await db.selectFrom("sla_policies").selectAll().orderBy("name").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    calendarId: r.calendar_id,
    firstResponseMinutes: r.first_response_minutes,
    nextResponseMinutes: r.next_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    warnBeforeMinutes: r.warn_before_minutes,
  }));
}

export async function policyById(db: Database, id: string): Promise<SlaPolicy> {
  const found = (await listPolicies(db)).find((p) => p.id === id);
  if (!found) throw notFound("SLA policy", "sla_policy_not_found");
  return found;
}

const toCalendar = (r: { id: string; name: string; time_zone: string; weekly: string; holidays: string }): Calendar => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  weekly: JSON.parse(r.weekly) as Calendar["weekly"],
  holidays: JSON.parse(r.holidays) as string[],
});

export async function listCalendars(db: Database): Promise<Calendar[]> {
  const rows = await db.selectFrom("sla_calendars").selectAll().orderBy("name").execute();
  return rows.map(toCalendar);
}

export async function calendarsById(db: Database, ids: readonly string[]): Promise<Map<string, Calendar>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("sla_calendars")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toCalendar(r)]));
}

/** The users who work a queue: its team's members. */
export async function queueMemberIds(db: Database, queueId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("request_queues")
    .innerJoin("team_members", "team_members.team_id", "request_queues.team_id")
    .select("team_members.user_id")
    .where("request_queues.id", "=", queueId)
    .execute();
  return rows.map((r) => r.user_id);
}
