import { createHash, randomBytes } from "node:crypto";

/** A PKCE pair (RFC 7636, S256). The server keeps `verifier` with the OAuth state and sends `challenge`. */
export function createPkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge, method: "S256" as const };
}
