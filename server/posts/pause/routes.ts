import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { pausePublishing } from "./pausePublishing.js";
import { resumePublishing } from "./resumePublishing.js";
import { PauseInput, PauseList, PauseView } from "./schema.js";
import { findPause, listPauses } from "./store.js";

const tags = ["publishing"];

export async function pauseRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = services;
  const window = config.publishMissedAfterMs;
  const present = async (id: string, withHeld: boolean) => {
    const pause = await findPause(db, id, window, withHeld);
    if (!pause) throw notFound("Pause", "pause_not_found");
    return pause;
  };

  app.get(
    "/api/publish-pauses",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Pauses in force (with what each holds) and the latest resumed ones",
        response: { 200: PauseList, ...errorResponses },
      },
    },
    async () => ({ ...(await listPauses(db, window)), missedAfterMinutes: Math.round(window / 60_000) }),
  );

  app.post(
    "/api/publish-pauses",
    {
      config: { permission: "publishing.pause" },
      schema: {
        tags,
        summary: "Pause publishing (kill switch) for everything, one channel or one campaign, with a reason",
        body: PauseInput,
        response: { 201: PauseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await pausePublishing(db, actorOf(request), auditOf(request), request.body);
      return reply.code(201).send(await present(id, true));
    },
  );

  app.post(
    "/api/publish-pauses/:id/resume",
    {
      config: { permission: "publishing.pause" },
      schema: {
        tags,
        summary: "Resume: what the pause held goes out at the engine's next pass, except what is past the missed window",
        params: IdParams,
        response: { 200: PauseView, ...errorResponses },
      },
    },
    async (request) => {
      // Counted before resuming: what this pause was holding, and what of it will now be marked missed.
      const before = await present(request.params.id, true);
      await resumePublishing(db, actorOf(request), auditOf(request), request.params.id);
      return { ...(await present(request.params.id, false)), held: before.held };
    },
  );
}
