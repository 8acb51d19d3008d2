import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchTokens, revokeToken, tokensKey } from "../../api/tokens.js";
import type { ApiToken } from "../../api/types.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { CreatedTokenNotice } from "./CreatedTokenNotice.js";
import { NewTokenForm } from "./NewTokenForm.js";
import { TokensTable } from "./TokensTable.js";

export function TokensPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: fetchTokens });
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: (_, token) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      toast(`Revoked ${token.name}`);
    },
  });

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and the switchboard CLI use the API as you, limited to the scopes you choose."
      />
      {created ? <CreatedTokenNotice token={created} onDone={() => setCreated(null)} /> : <NewTokenForm onCreated={setCreated} />}
      <section className="section" aria-labelledby="tokens-list">
        <h2 id="tokens-list">Your tokens</h2>
        {tokens.isPending && <Loading label="Loading tokens…" />}
        <ErrorMessage error={tokens.error} title="Your tokens could not be loaded" />
        {tokens.data?.length === 0 && (
          <EmptyState title="No tokens yet">
            <p>Create one above when a script or the CLI needs to use Switchboard.</p>
          </EmptyState>
        )}
        {tokens.data && tokens.data.length > 0 && (
          <TokensTable
            tokens={tokens.data}
            onRevoke={(token) => {
              revoke.reset();
              setRevoking(token);
            }}
          />
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke token"
          danger
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutateAsync(revoking)}
          onClose={() => setRevoking(null)}
        >
          <p>Anything still using this token will stop working at once. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
