import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../test/helpers/testApp.js";
import { AppError } from "../errors.js";
import { orConflict } from "./uniqueViolation.js";

// The check-then-insert pattern ("is the name free?") leaves a window where two saves both pass the
// check; the unique index then refuses the second, which must reach the caller as a 409.
describe.each(DIALECTS)("a unique index refusing a row, on %s", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.dispose();
  });

  it("becomes the caller's conflict; other errors pass through unchanged", async () => {
    t = await createTestApp(dialect);
    const { db } = t.services;
    const now = new Date().toISOString();
    const team = (id: string) =>
      db.insertInto("teams").values({ id, name: "Support", description: "", created_at: now, updated_at: now }).execute();
    const taken = () => new AppError(409, "name_taken", "A team is already called Support.");
    await orConflict(() => team("t1"), taken);
    await expect(orConflict(() => team("t2"), taken)).rejects.toMatchObject({ status: 409, code: "name_taken" });
    await expect(
      orConflict(
        () =>
          db
            .selectFrom("teams")
            .select("id")
            .where("id", "=", "t1")
            .executeTakeFirstOrThrow()
            .then(() => {
              throw new Error("boom");
            }),
        taken,
      ),
    ).rejects.toThrow("boom");
  });
});
