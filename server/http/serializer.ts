import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { createSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

type RouteSchema = z.ZodType | { properties: z.ZodType };

const zodSerializer = createSerializerCompiler({});

/**
 * Responses are written by fast-json-stringify, compiled once per route from the JSON Schema of the
 * route's zod response schema: it writes only the declared fields (as zod's encode would) without
 * checking every value on every response, which cost more than the handler on the hot paths.
 * `checkResponses` (the tests) also checks each response against the zod schema first, so a handler
 * that returns the wrong shape fails its test. A schema JSON Schema cannot express keeps zod's serializer.
 */
export function responseSerializer(checkResponses: boolean): FastifySerializerCompiler<RouteSchema> {
  return (route) => {
    const zodSchema = route.schema instanceof z.ZodType ? route.schema : route.schema.properties;
    let stringify: (data: unknown) => string;
    try {
      stringify = fastJson(z.toJSONSchema(zodSchema, { io: "output", target: "draft-7", unrepresentable: "throw" }) as object);
    } catch {
      return zodSerializer(route);
    }
    if (!checkResponses) return stringify;
    const checked = zodSerializer(route);
    return (data) => {
      checked(data);
      return stringify(data);
    };
  };
}
