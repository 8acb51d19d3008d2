import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { createCategory, deleteCategory, updateCategory } from "./categories.js";
import { visibleTo } from "./model.js";
import { CategoriesView, CategoryBody } from "./schema.js";
import { listCategories } from "./store.js";

const tags = ["knowledge base"];

export async function categoryRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const response = { 200: CategoriesView, ...errorResponses };

  app.get(
    "/api/kb/categories",
    { config: { auth: "user" }, schema: { tags, summary: "Categories, with how many of their articles you may read", response } },
    async (request) => listCategories(db, visibleTo(request.actor)),
  );

  app.post(
    "/api/kb/categories",
    {
      config: { permission: "kb.manage" },
      schema: { tags, summary: "Add a category", body: CategoryBody, response: { 201: CategoriesView, ...errorResponses } },
    },
    async (request, reply) => {
      await createCategory(db, auditOf(request), request.body);
      return reply.code(201).send(await listCategories(db, visibleTo(request.actor)));
    },
  );

  app.put(
    "/api/kb/categories/:id",
    {
      config: { permission: "kb.manage" },
      schema: { tags, summary: "Rename, describe or reorder a category", params: IdParams, body: CategoryBody, response },
    },
    async (request) => {
      await updateCategory(db, auditOf(request), request.params.id, request.body);
      return listCategories(db, visibleTo(request.actor));
    },
  );

  app.delete(
    "/api/kb/categories/:id",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Delete a category; its articles stay, uncategorised",
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCategory(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
