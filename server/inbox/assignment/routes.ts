import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { Id, IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { listAgents, MAX_CAPACITY, PRESENCES } from "./agents.js";
import { recordActivity } from "./recordActivity.js";
import { setCapacity } from "./setCapacity.js";
import { setPresence } from "./setPresence.js";
import { AUTO_ASSIGN_MODES, listTeamSettings, saveTeamSettings } from "./teamSettings.js";

const tags = ["inbox"];

const AgentView = z
  .object({
    id: z.string(),
    name: z.string(),
    presence: z.enum(PRESENCES),
    presenceAuto: z.boolean().describe("Away because of inactivity"),
    capacity: z.number(),
    load: z.number().describe("Open conversations assigned"),
    lastActiveAt: z.string().nullable(),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "InboxAgent" });

const TeamSettingsView = z.object({
  teamId: z.string(),
  teamName: z.string(),
  autoAssign: z.enum(AUTO_ASSIGN_MODES),
  slaPolicyId: z.string().nullable(),
});

/** Agents' presence and capacity, and the teams' auto-assignment (docs/inbox.md, "Assignment"). */
export async function assignmentRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const me = async (userId: string) => (await listAgents(db)).find((a) => a.id === userId);

  app.get(
    "/api/inbox/agents",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "The people who work the inbox, with presence, capacity and load",
        querystring: z.strictObject({ teamId: Id.optional() }),
        response: { 200: z.object({ items: z.array(AgentView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listAgents(db, request.query.teamId) }),
  );

  app.put(
    "/api/inbox/agents/me/presence",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "Set one's own presence (available, away, offline); audited",
        body: z.strictObject({ presence: z.enum(PRESENCES) }),
        response: { 200: AgentView, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = actorOf(request).user;
      await setPresence(db, auditOf(request), id, request.body.presence);
      return (
        (await me(id)) ?? {
          id,
          name: actorOf(request).user.name,
          presence: request.body.presence,
          presenceAuto: false,
          capacity: 0,
          load: 0,
          lastActiveAt: null,
          teams: [],
        }
      );
    },
  );

  app.post(
    "/api/inbox/agents/me/activity",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "The inbox page's heartbeat: whether its person was active lately (keeps them available)",
        body: z.strictObject({ active: z.boolean() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await recordActivity(db, auditOf(request), actorOf(request).user.id, request.body.active);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/api/inbox/agents/:id/capacity",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Set how many open conversations an agent holds at most (leads; audited)",
        params: IdParams,
        body: z.strictObject({ capacity: z.number().int().min(0).max(MAX_CAPACITY) }),
        response: { 200: AgentView, ...errorResponses },
      },
    },
    async (request) => {
      await setCapacity(db, auditOf(request), request.params.id, request.body.capacity);
      const agent = await me(request.params.id);
      if (!agent) throw new Error("agent vanished");
      return agent;
    },
  );

  app.get(
    "/api/inbox/team-settings",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Every team's auto-assignment and default SLA policy",
        response: { 200: z.object({ items: z.array(TeamSettingsView) }), ...errorResponses },
      },
    },
    async () => ({ items: await listTeamSettings(db) }),
  );

  app.put(
    "/api/inbox/team-settings/:id",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Set a team's auto-assignment and default SLA policy (audited)",
        params: IdParams,
        body: z.strictObject({ autoAssign: z.enum(AUTO_ASSIGN_MODES), slaPolicyId: Id.nullable() }),
        response: { 200: TeamSettingsView, ...errorResponses },
      },
    },
    async (request) => {
      await saveTeamSettings(db, auditOf(request), request.params.id, request.body);
      const saved = (await listTeamSettings(db)).find((t) => t.teamId === request.params.id);
      if (!saved) throw new Error("team vanished");
      return saved;
    },
  );
}
