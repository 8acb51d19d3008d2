import { z } from "zod";

/** The shape of every error the API returns. Clients branch on `code`. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code"),
      message: z.string().describe("Human-readable explanation"),
      details: z.unknown().optional(),
      help: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBodyType = z.infer<typeof ErrorBody>;

/** Spread into a route's `response` to document its error answers. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
  /** A network Switchboard called did not answer, or its answer never arrived (`network_unavailable`, `network_unknown_outcome`). */
  502: ErrorBody,
} as const;
