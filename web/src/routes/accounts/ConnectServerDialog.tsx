import { type FormEvent, useState } from "react";
import type { AccountDetail } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { serverGuess } from "./serverGuess.js";

interface ConnectServerDialogProps {
  account: AccountDetail;
  pending: boolean;
  error: unknown;
  /** Starts signing in on that server; the page then leaves for it. */
  onSubmit: (baseUrl: string) => void;
  onClose: () => void;
}

/** For networks where every organisation picks its server (Mastodon): which one, before signing in there. */
export function ConnectServerDialog({ account, pending, error, onSubmit, onClose }: ConnectServerDialogProps) {
  const [baseUrl, setBaseUrl] = useState(() => serverGuess(account));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(baseUrl.trim());
  };
  return (
    <Modal
      title={`Connect ${account.handle}`}
      description={`Switchboard registers itself on the ${account.networkName} server the first time, then takes you there to sign in as ${account.handle} and allow access.`}
      onClose={onClose}
      size="small"
    >
      {(close) => (
        <form className="form" onSubmit={submit}>
          <TextField
            label="Server address"
            type="url"
            inputMode="url"
            required
            autoComplete="off"
            placeholder="https://mastodon.social"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            hint="The address of the server the account is on, as in its profile link."
          />
          <ErrorMessage error={error} title="Could not start connecting" />
          <div className="form-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={pending}>
              {pending ? "Opening the server…" : "Continue to sign in"}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
