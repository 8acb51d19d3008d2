import type { Reply } from "../../test/standIn.js";

/** Graph API error bodies as Meta documents them. */
export const graphError = (
  code: number,
  message: string,
  extra: { subcode?: number; type?: string; transient?: boolean; status?: number } = {},
): Reply => ({
  status: extra.status ?? 400,
  json: {
    error: {
      message,
      type: extra.type ?? "OAuthException",
      code,
      ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
      ...(extra.transient ? { is_transient: true } : {}),
      fbtrace_id: "AbCdEfGhIjK",
    },
  },
});

export const invalidToken = () => graphError(190, "Invalid OAuth access token - Cannot parse access token");
export const missingObject = (id: string) =>
  graphError(
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    {
      subcode: 33,
      type: "GraphMethodException",
    },
  );
