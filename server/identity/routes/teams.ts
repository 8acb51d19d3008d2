import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import type { Services } from "../../services.js";
import { createTeam, deleteTeam, updateTeam } from "../saveTeam.js";
import { CreateTeamBody, IdParams, TeamSchema, UpdateTeamBody } from "../schema.js";
import { getTeam, listTeams } from "../teams.js";

const tags = ["teams"];

export async function teamRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/teams",
    {
      config: { permission: "teams.read" },
      schema: { tags, summary: "List teams with members", response: { 200: z.object({ teams: z.array(TeamSchema) }), ...errorResponses } },
    },
    async () => ({ teams: await listTeams(db) }),
  );

  app.post(
    "/api/teams",
    {
      config: { permission: "teams.manage" },
      schema: { tags, summary: "Create a team", body: CreateTeamBody, response: { 201: TeamSchema, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await createTeam(db, auditOf(request), request.body)),
  );

  app.get(
    "/api/teams/:id",
    {
      config: { permission: "teams.read" },
      schema: { tags, summary: "One team", params: IdParams, response: { 200: TeamSchema, ...errorResponses } },
    },
    async (request) => {
      const team = await getTeam(db, request.params.id);
      if (!team) throw notFound("Team", "team_not_found");
      return team;
    },
  );

  app.patch(
    "/api/teams/:id",
    {
      config: { permission: "teams.manage" },
      schema: {
        tags,
        summary: "Rename a team, change its description or replace its members",
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: TeamSchema, ...errorResponses },
      },
    },
    async (request) => updateTeam(db, auditOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/teams/:id",
    {
      config: { permission: "teams.manage" },
      schema: { tags, summary: "Delete a team", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteTeam(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
