import { type FormEvent, useState } from "react";
import type { ConnectInput } from "../../api/connections.js";
import type { AccountDetail } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import type { ConnectMethod } from "../../connectMethods.js";
import { serverGuess } from "./serverGuess.js";

type AppPasswordMethod = Extract<ConnectMethod, { kind: "app_password" }>;

const GENERIC: AppPasswordMethod = {
  kind: "app_password",
  selfHosted: false,
  identifierLabel: "User name",
  secretLabel: "App password or API key",
  secretHint: "Make one in the network's account settings, just for Switchboard, so it can be revoked on its own.",
};

interface AppPasswordDialogProps {
  account: AccountDetail;
  /** How the network names things; a generic wording when the web app does not know the network. */
  method: AppPasswordMethod | null;
  /** The server asked for a server address although the method did not say so. */
  askServer: boolean;
  pending: boolean;
  error: unknown;
  /** Resolves once connected (the dialog then closes). */
  onSubmit: (input: ConnectInput) => Promise<unknown>;
  onClose: () => void;
}

/** Networks connected with an app password or key (Bluesky, WordPress): checked with the network, then kept only in the vault. */
export function AppPasswordDialog({ account, method, askServer, pending, error, onSubmit, onClose }: AppPasswordDialogProps) {
  const m = method ?? GENERIC;
  const withServer = m.selfHosted || askServer;
  const [identifier, setIdentifier] = useState(account.handle);
  const [secret, setSecret] = useState("");
  const [baseUrl, setBaseUrl] = useState(() => (withServer ? (m.defaultServer ?? serverGuess(account)) : ""));
  return (
    <Modal
      title={`Connect ${account.handle}`}
      description={`Switchboard checks the ${m.secretLabel.toLowerCase()} with ${account.networkName}, then keeps it encrypted in the vault. Nobody sees it again, administrators included.`}
      onClose={onClose}
      size="small"
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          const input: ConnectInput = { identifier: identifier.trim(), secret, ...(withServer ? { baseUrl: baseUrl.trim() } : {}) };
          onSubmit(input).then(close, () => undefined);
        };
        return (
          <form className="form" onSubmit={submit}>
            <TextField
              label={m.identifierLabel}
              required
              autoComplete="off"
              spellCheck={false}
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
            />
            <TextField
              label={m.secretLabel}
              type="password"
              required
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              hint={m.secretHint}
            />
            {withServer && (
              <TextField
                label="Server address"
                type="url"
                inputMode="url"
                required
                autoComplete="off"
                placeholder={m.defaultServer ?? "https://blog.example.com"}
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                hint={m.serverHint}
              />
            )}
            <ErrorMessage error={error} title="Could not connect" />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={pending}>
                {pending ? "Checking…" : "Connect"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
