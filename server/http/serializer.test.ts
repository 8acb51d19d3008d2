import Fastify from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { responseSerializer } from "./serializer.js";

const Account = z.object({
  id: z.string(),
  handle: z.string(),
  url: z.string().nullable(),
  health: z.enum(["ok", "needs_reconnect"]),
  grants: z.array(z.object({ level: z.string(), team: z.string().optional() })),
});

async function appReturning(body: unknown, checkResponses: boolean) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(checkResponses));
  app.get("/thing", { schema: { response: { 200: Account } } }, async () => body as z.infer<typeof Account>);
  await app.ready();
  return app;
}

describe("the response serializer", () => {
  const account = { id: "a1", handle: "@acme", url: null, health: "ok", grants: [{ level: "view" }] };

  it("writes exactly the declared fields, so a stray secret on the row never leaves the server", async () => {
    const app = await appReturning({ ...account, accessToken: "secret-token", grants: [{ level: "view", sealed: "x" }] }, false);
    const res = await app.inject({ url: "/thing" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(account);
    expect(res.body).not.toContain("secret-token");
    expect(res.body).not.toContain("sealed");
  });

  it("with checkResponses, a handler returning the wrong shape fails instead of writing it", async () => {
    const app = await appReturning({ ...account, health: "fine" }, true);
    const res = await app.inject({ url: "/thing" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("fine");
  });
});
