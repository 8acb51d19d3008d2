import type { Database } from "../db/database.js";
import type { ChecklistItem } from "./participant.js";

export interface OffboardingView {
  id: string;
  userId: string;
  userEmail: string;
  reassignedTo: string | null;
  performedBy: string | null;
  summary: string[];
  checklist: ChecklistItem[];
  createdAt: string;
}

type Row = {
  id: string;
  user_id: string;
  user_email: string;
  reassigned_to: string | null;
  performed_by: string | null;
  summary: string;
  checklist: string;
  created_at: string;
};

const present = (r: Row): OffboardingView => ({
  id: r.id,
  userId: r.user_id,
  userEmail: r.user_email,
  reassignedTo: r.reassigned_to,
  performedBy: r.performed_by,
  summary: JSON.parse(r.summary) as string[],
  checklist: JSON.parse(r.checklist) as ChecklistItem[],
  createdAt: r.created_at,
});

export async function getOffboarding(db: Database, id: string): Promise<OffboardingView | undefined> {
  const row = await db.selectFrom("offboardings").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? present(row) : undefined;
}

export async function listOffboardings(db: Database, userId?: string): Promise<OffboardingView[]> {
  let query = db.selectFrom("offboardings").selectAll().orderBy("created_at", "desc");
  if (userId) query = query.where("user_id", "=", userId);
  return (await query.execute()).map(present);
}
