import { findNetwork } from "../../connectors/registry.js";
import type { Database } from "../db/database.js";
import { AppError, badRequest } from "../errors.js";
import type { FormField } from "./model.js";

/**
 * Checks filed values against the type's form: required fields present, options respected, people,
 * teams and networks real. An "account" field is the request's accountId, checked elsewhere.
 */
export async function validateFields(
  db: Database,
  form: readonly FormField[],
  values: Record<string, string>,
  accountId: string | null,
): Promise<Record<string, string>> {
  const byKey = new Map(form.map((f) => [f.key, f]));
  const unknown = Object.keys(values).filter((k) => !byKey.has(k) || byKey.get(k)?.kind === "account");
  if (unknown.length > 0) throw badRequest("unknown_field", "This form has no such field.", { fields: unknown });
  const clean: Record<string, string> = {};
  const issues: { path: string; message: string }[] = [];
  for (const field of form) {
    if (field.kind === "account") {
      if (field.required && !accountId) issues.push({ path: "body/accountId", message: "must be given" });
      continue;
    }
    const value = (values[field.key] ?? "").trim();
    if (!value) {
      if (field.required) issues.push({ path: `body/fields/${field.key}`, message: "must not be empty" });
      continue;
    }
    if (field.kind === "select" && field.options && !field.options.includes(value)) {
      issues.push({ path: `body/fields/${field.key}`, message: `must be one of ${field.options.filter(Boolean).join(", ")}` });
    }
    if (field.kind === "network" && !findNetwork(value)) issues.push({ path: `body/fields/${field.key}`, message: "is not a network" });
    if (field.kind === "user") {
      const user = await db.selectFrom("users").select("id").where("id", "=", value).where("disabled_at", "is", null).executeTakeFirst();
      if (!user) issues.push({ path: `body/fields/${field.key}`, message: "is not a user" });
    }
    if (field.kind === "team") {
      const team = await db.selectFrom("teams").select("id").where("id", "=", value).executeTakeFirst();
      if (!team) issues.push({ path: `body/fields/${field.key}`, message: "is not a team" });
    }
    clean[field.key] = field.kind === "network" ? (findNetwork(value)?.id ?? value) : value;
  }
  if (issues.length > 0) throw new AppError(400, "validation_failed", "Some fields are missing or not valid.", { details: { issues } });
  return clean;
}
