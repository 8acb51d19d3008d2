/** Token and authorization-code bookkeeping shared by the OAuth stand-ins (tests only). */
import { createHash, randomBytes } from "node:crypto";

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;

export interface Grant {
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  subject: string;
}

export function createAuthCodes() {
  const codes = new Map<string, Grant>();
  return {
    issue(grant: Grant): string {
      const code = token("code");
      codes.set(code, grant);
      return code;
    },
    /** Single use, as RFC 6749 requires; checks the redirect URI and the PKCE verifier (S256). */
    redeem(code: string, redirectUri: string, verifier: string | null): Grant | "invalid" {
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.redirectUri !== redirectUri) return "invalid";
      if (grant.codeChallenge !== null) {
        const expected = createHash("sha256")
          .update(verifier ?? "")
          .digest("base64url");
        if (expected !== grant.codeChallenge) return "invalid";
      }
      return grant;
    },
  };
}

export interface Issued {
  accessToken: string;
  refreshToken: string;
  subject: string;
  scope: string;
}

/** Access and refresh tokens; `rotate` spends a refresh token (rotating networks) or keeps it (reusable ones). */
export function createTokenStore(options: { rotate: boolean }) {
  const access = new Map<string, Issued>();
  const refresh = new Map<string, Issued>();
  const store = {
    refreshCount: 0,
    issue(subject: string, scope: string, keepRefresh?: string): Issued {
      const issued = { accessToken: token("at"), refreshToken: keepRefresh ?? token("rt"), subject, scope };
      access.set(issued.accessToken, issued);
      refresh.set(issued.refreshToken, issued);
      return issued;
    },
    subjectOf: (accessToken: string | null) => (accessToken ? access.get(accessToken)?.subject : undefined),
    revoke(accessToken: string) {
      access.delete(accessToken);
    },
    revokeAll() {
      access.clear();
      refresh.clear();
    },
    redeemRefresh(refreshToken: string): Issued | undefined {
      const found = refresh.get(refreshToken);
      if (!found) return undefined;
      store.refreshCount++;
      access.delete(found.accessToken);
      if (options.rotate) refresh.delete(refreshToken);
      return store.issue(found.subject, found.scope, options.rotate ? undefined : refreshToken);
    },
  };
  return store;
}
