import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** OpenAPI 3.1 generated from the routes' zod schemas, and a docs UI. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Switchboard API",
        version,
        description:
          'Every error has the shape `{"error":{"code","message","details"}}`; branch on `code`. ' +
          "Browser sessions send the `sb_csrf` cookie's value as `x-csrf-token` on every state-changing request; " +
          "API tokens (`Authorization: Bearer sbt_...`) need no CSRF token.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "sb_session" },
          token: { type: "http", scheme: "bearer", description: "An API token created under Settings → API tokens" },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Swagger UI styles some elements inline; scripts stay 'self' only.
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    uiConfig: { url: "/api/openapi.json", deepLinking: true },
    uiHooks: {},
  });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { auth: "public" } }, async () => app.swagger());
}
