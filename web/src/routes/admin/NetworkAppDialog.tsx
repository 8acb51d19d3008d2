import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { auditKey } from "../../api/audit.js";
import { type NetworkAppInput, networkAppsKey, saveNetworkApp } from "../../api/connections.js";
import type { NetworkApp } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { NETWORK_APP_GUIDES } from "../../connectMethods.js";

interface NetworkAppDialogProps {
  network: string;
  networkName: string;
  /** The app already saved, when changing it. */
  app: NetworkApp | undefined;
  /** Self-hosted networks have one app per server: ask which, when adding one. */
  askServer: boolean;
  redirectUri: string;
  onClose: () => void;
}

/** Saves the client id and secret of the app registered on a network; the secret goes into the vault and is never shown again. */
export function NetworkAppDialog({ network, networkName, app, askServer, redirectUri, onClose }: NetworkAppDialogProps) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const guide = NETWORK_APP_GUIDES[network];
  const [clientId, setClientId] = useState(app?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [baseUrl, setBaseUrl] = useState(app?.baseUrl ?? "");
  const [bearerToken, setBearerToken] = useState("");
  const save = useMutation({
    mutationFn: () => {
      const input: NetworkAppInput = { clientId: clientId.trim() };
      if (clientSecret) input.clientSecret = clientSecret;
      if (baseUrl) input.baseUrl = baseUrl.trim();
      if (bearerToken.trim()) input.bearerToken = bearerToken.trim();
      return saveNetworkApp(network, input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkAppsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(clientSecret ? `Saved the ${networkName} app; its secret is in the vault` : `Saved the ${networkName} app`);
    },
  });

  return (
    <Modal title={app ? `Change the ${networkName} app` : `Set up the ${networkName} app`} onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            {guide && (
              <ol className="steps">
                <li>
                  In{" "}
                  {guide.consoleUrl ? (
                    <a href={guide.consoleUrl} target="_blank" rel="noopener noreferrer">
                      {guide.consoleName}
                      <span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    guide.consoleName
                  )}
                  , register an app with the redirect URI <code className="break-anywhere">{redirectUri}</code>.
                </li>
                <li>
                  Copy its {guide.clientIdLabel} and {guide.clientSecretLabel} here.
                </li>
              </ol>
            )}
            {guide && (
              <p className="field-hint">
                Step by step, with the permissions to ask for: <code>{guide.docsPage}</code> in Switchboard's documentation.
              </p>
            )}
            {askServer && (
              <TextField
                label="Server address"
                type="url"
                inputMode="url"
                required
                autoComplete="off"
                placeholder="https://mastodon.social"
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                hint="Only for a server that does not let Switchboard register itself."
              />
            )}
            <TextField
              label={guide?.clientIdLabel ?? "Client ID"}
              required
              autoComplete="off"
              spellCheck={false}
              value={clientId}
              onChange={(e) => setClientId(e.target.value)}
            />
            <TextField
              label={guide?.clientSecretLabel ?? "Client secret"}
              type="password"
              autoComplete="off"
              required={!app?.hasSecret}
              value={clientSecret}
              onChange={(e) => setClientSecret(e.target.value)}
              hint={
                app?.hasSecret
                  ? "A secret is stored. Leave this empty to keep it, or type a new one to replace it."
                  : "Kept encrypted in the vault; nobody sees it again, administrators included."
              }
            />
            {network === "x" && (
              <TextField
                label="Bearer token (for the live stream)"
                type="password"
                autoComplete="off"
                value={bearerToken}
                onChange={(e) => setBearerToken(e.target.value)}
                hint={
                  app?.hasBearerToken
                    ? "A token is stored: mentions stream into the inbox live. Leave this empty to keep it."
                    : "Optional. In the X developer portal, under the app's Keys and tokens, generate the Bearer token. With it, mentions stream into the inbox live; without it, they are read every minute."
                }
              />
            )}
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save app"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
