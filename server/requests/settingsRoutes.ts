import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import type { Services } from "../services.js";
import { listCalendars, listPolicies, listQueues, listTypes } from "./config.js";
import { saveCalendar, savePolicy, saveQueue, saveType } from "./saveSettings.js";
import { CalendarBody, KeyParams, PolicyBody, QueueBody, SettingsView, SlugIdParams, TypeBody } from "./schema.js";

const tags = ["requests"];

/** The help desk's configuration: reading needs requests.work, changing requests.manage. */
export async function settingsRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = async () => ({
    types: await listTypes(db),
    queues: await listQueues(db),
    policies: await listPolicies(db),
    calendars: await listCalendars(db),
  });
  const answer = { response: { 200: SettingsView, ...errorResponses } };

  app.get(
    "/api/requests/settings",
    { config: { permission: "requests.work" }, schema: { tags, summary: "Request types, queues, SLA policies and calendars", ...answer } },
    settings,
  );
  app.put(
    "/api/requests/settings/queues/:id",
    {
      config: { permission: "requests.manage" },
      schema: { tags, summary: "Add or change a queue", params: SlugIdParams, body: QueueBody, ...answer },
    },
    async (request) => {
      await saveQueue(db, auditOf(request), request.params.id, request.body);
      return settings();
    },
  );
  app.put(
    "/api/requests/settings/calendars/:id",
    {
      config: { permission: "requests.manage" },
      schema: { tags, summary: "Add or change a business-hours calendar", params: SlugIdParams, body: CalendarBody, ...answer },
    },
    async (request) => {
      await saveCalendar(db, auditOf(request), request.params.id, request.body);
      return settings();
    },
  );
  app.put(
    "/api/requests/settings/policies/:id",
    {
      config: { permission: "requests.manage" },
      schema: { tags, summary: "Add or change an SLA policy", params: SlugIdParams, body: PolicyBody, ...answer },
    },
    async (request) => {
      await savePolicy(db, auditOf(request), request.params.id, request.body);
      return settings();
    },
  );
  app.put(
    "/api/requests/settings/types/:key",
    {
      config: { permission: "requests.manage" },
      schema: {
        tags,
        summary: "Add or change a request type: its queue, form, SLA policy and workflow",
        params: KeyParams,
        body: TypeBody,
        ...answer,
      },
    },
    async (request) => {
      await saveType(db, auditOf(request), request.params.key, request.body);
      return settings();
    },
  );
}
