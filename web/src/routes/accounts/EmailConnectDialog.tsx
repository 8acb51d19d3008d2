import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import {
  type EmailConnectInput,
  emailSettingsKey,
  fetchEmailSettings,
  type MailSecurity,
  type MailServer,
} from "../../api/emailChannels.js";
import type { AccountDetail } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";
import "./emailConnect.css";

const PORTS: Record<"imap" | "smtp", Record<MailSecurity, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

const domainOf = (address: string) => address.split("@")[1] ?? "";

interface ServerFieldsProps {
  kind: "imap" | "smtp";
  value: MailServer;
  onChange: (server: MailServer) => void;
}

/** Host, port and encryption of one server; choosing the encryption moves the port to its usual one. */
function ServerFields({ kind, value, onChange }: ServerFieldsProps) {
  const name = kind === "imap" ? "IMAP" : "SMTP";
  return (
    <fieldset className="fieldset">
      <legend>{kind === "imap" ? "Incoming mail (IMAP)" : "Outgoing mail (SMTP)"}</legend>
      <div className="form-grid email-server-grid">
        <TextField
          label={`${name} server`}
          required
          autoComplete="off"
          spellCheck={false}
          value={value.host}
          onChange={(e) => onChange({ ...value, host: e.target.value })}
        />
        <TextField
          label={`${name} port`}
          type="number"
          required
          min={1}
          max={65535}
          value={String(value.port)}
          onChange={(e) => onChange({ ...value, port: Number(e.target.value) })}
        />
        <SelectField
          label={`${name} encryption`}
          value={value.security}
          onChange={(e) => {
            const security = e.target.value as MailSecurity;
            onChange({ ...value, security, port: PORTS[kind][security] });
          }}
        >
          <option value="tls">TLS</option>
          <option value="starttls">STARTTLS</option>
          <option value="none">None</option>
        </SelectField>
      </div>
    </fieldset>
  );
}

interface EmailConnectDialogProps {
  account: AccountDetail;
  pending: boolean;
  error: unknown;
  onSubmit: (input: EmailConnectInput) => Promise<unknown>;
  onClose: () => void;
}

/** An email channel: the mailbox's IMAP and SMTP servers and its password, checked by signing in to both. */
export function EmailConnectDialog({ account, pending, error, onSubmit, onClose }: EmailConnectDialogProps) {
  const saved = useQuery({ queryKey: emailSettingsKey(account.id), queryFn: () => fetchEmailSettings(account.id) });
  const domain = domainOf(account.handle);
  const [username, setUsername] = useState(account.handle);
  const [password, setPassword] = useState("");
  const [imap, setImap] = useState<MailServer>({ host: domain ? `imap.${domain}` : "", port: 993, security: "tls" });
  const [smtp, setSmtp] = useState<MailServer>({ host: domain ? `smtp.${domain}` : "", port: 465, security: "tls" });
  const settings = saved.data?.settings;
  // Reconnecting: the servers as they were (the password is never shown again).
  useEffect(() => {
    if (!settings) return;
    setUsername(settings.username);
    setImap(settings.imap);
    setSmtp(settings.smtp);
  }, [settings]);
  return (
    <Modal
      title={`Connect ${account.handle}`}
      description="Switchboard signs in to the mailbox's servers to check them, reads new mail every minute, and sends replies from this address. The password is kept encrypted in the vault; nobody sees it again."
      onClose={onClose}
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          onSubmit({
            username: username.trim(),
            password,
            imap: { ...imap, host: imap.host.trim() },
            smtp: { ...smtp, host: smtp.host.trim() },
          }).then(close, () => undefined);
        };
        return (
          <form className="form" onSubmit={submit}>
            <div className="form-grid">
              <TextField
                label="User name"
                required
                autoComplete="off"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
              <TextField
                label="Password"
                type="password"
                required
                autoComplete="off"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                hint="An app password when the provider offers them."
              />
            </div>
            <ServerFields kind="imap" value={imap} onChange={setImap} />
            <ServerFields kind="smtp" value={smtp} onChange={setSmtp} />
            <ErrorMessage error={error} title="Could not connect" />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={pending}>
                {pending ? "Signing in…" : "Connect"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
