import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Link } from "react-router";
import { inboxKey } from "../../api/inbox.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { usePublishableChannels } from "../publishing/channels.js";
import {
  type Agent,
  agentsKey,
  fetchAgents,
  fetchLeadWebhook,
  fetchReplyApproval,
  fetchSlaPolicies,
  fetchTeamSettings,
  PRESENCE_LABELS,
  saveLeadWebhook,
  saveReplyApproval,
  saveTeamSettings,
  setCapacity,
  slaPoliciesKey,
  type TeamSettings,
  teamSettingsKey,
} from "./queueApi.js";
import "./inbox.css";

const APPROVAL_ROLES = ["agent", "contributor", "approver", "employee"] as const;

function CapacityCell({ agent }: { agent: Agent }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(agent.capacity));
  useEffect(() => setValue(String(agent.capacity)), [agent.capacity]);
  const save = useMutation({
    mutationFn: () => setCapacity(agent.id, Number(value)),
    onSuccess: async () => {
      toast(`${agent.name} holds at most ${value} open conversation${Number(value) === 1 ? "" : "s"}`);
      await queryClient.invalidateQueries({ queryKey: agentsKey });
    },
  });
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 0 && n <= 500;
  return (
    <form
      className="inbox-presence"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) save.mutate();
      }}
    >
      <label htmlFor={`capacity-${agent.id}`} className="sr-only">
        Capacity of {agent.name}
      </label>
      <input
        id={`capacity-${agent.id}`}
        className="input input-compact"
        type="number"
        min={0}
        max={500}
        style={{ width: "5.5em" }}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button button-small" disabled={!valid || save.isPending || n === agent.capacity}>
        Save
      </button>
      <ErrorMessage error={save.error} title="Not saved" />
    </form>
  );
}

function TeamRow({ team, policies }: { team: TeamSettings; policies: { id: string; name: string }[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [autoAssign, setAutoAssign] = useState(team.autoAssign);
  const [policy, setPolicy] = useState(team.slaPolicyId ?? "");
  const save = useMutation({
    mutationFn: () => saveTeamSettings(team.teamId, { autoAssign, slaPolicyId: policy || null }),
    onSuccess: async () => {
      toast(`Saved ${team.teamName}`);
      await queryClient.invalidateQueries({ queryKey: teamSettingsKey });
    },
  });
  const changed = autoAssign !== team.autoAssign || (policy || null) !== team.slaPolicyId;
  return (
    <tr>
      <th scope="row">{team.teamName}</th>
      <td>
        <select
          aria-label={`Auto-assignment for ${team.teamName}`}
          className="input input-compact"
          value={autoAssign}
          onChange={(e) => setAutoAssign(e.target.value as TeamSettings["autoAssign"])}
        >
          <option value="off">Off: people take conversations</option>
          <option value="least_loaded">Least loaded available agent</option>
        </select>
      </td>
      <td>
        <select
          aria-label={`SLA policy for ${team.teamName}`}
          className="input input-compact"
          value={policy}
          onChange={(e) => setPolicy(e.target.value)}
        >
          <option value="">No SLA</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <button type="button" className="button button-small" disabled={!changed || save.isPending} onClick={() => save.mutate()}>
          Save
        </button>
        <ErrorMessage error={save.error} title="Not saved" />
      </td>
    </tr>
  );
}

function SalesWebhook() {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const hook = useQuery({ queryKey: [...inboxKey, "lead-webhook"], queryFn: fetchLeadWebhook });
  const [url, setUrl] = useState("");
  const [enabled, setEnabled] = useState(true);
  const [secret, setSecret] = useState("");
  useEffect(() => {
    if (hook.data) {
      setUrl(hook.data.url ?? "");
      setEnabled(hook.data.url ? hook.data.enabled : true);
    }
  }, [hook.data]);
  const save = useMutation({
    mutationFn: () => saveLeadWebhook({ url: url.trim(), enabled, ...(secret ? { secret } : {}) }),
    onSuccess: async () => {
      setSecret("");
      toast("Sales webhook saved");
      await queryClient.invalidateQueries({ queryKey: [...inboxKey, "lead-webhook"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card inbox-lead-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Leads to sales</h2>
      <p className="muted">
        A conversation marked as a lead is posted to this URL, signed with HMAC-SHA256 (<code>x-switchboard-signature</code> over the{" "}
        <code>x-switchboard-timestamp</code> and the body). <a href="/api/inbox/leads.csv">Download all leads as CSV</a>.
      </p>
      <div className="field">
        <label htmlFor={`${id}-url`}>Webhook URL</label>
        <input id={`${id}-url`} className="input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-secret`}>
          Signing secret {hook.data?.hasSecret ? "(set; leave empty to keep it)" : "(at least 24 characters)"}
        </label>
        <input
          id={`${id}-secret`}
          className="input"
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </div>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send new leads
      </label>
      <div>
        <button type="submit" className="button button-small button-primary" disabled={!url.trim() || save.isPending}>
          Save webhook
        </button>
      </div>
      <ErrorMessage error={save.error} title="The webhook was not saved" />
    </form>
  );
}

function ReplyApproval() {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const canSet = useCan("policy.manage");
  const { channels } = usePublishableChannels();
  const current = useQuery({ queryKey: [...inboxKey, "reply-approval"], queryFn: fetchReplyApproval });
  const [roles, setRoles] = useState<string[]>([]);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  useEffect(() => {
    if (current.data) {
      setRoles(current.data.roles);
      setAccountIds(current.data.accountIds);
    }
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => saveReplyApproval({ roles, accountIds }),
    onSuccess: async () => {
      toast("Reply approval saved");
      await queryClient.invalidateQueries({ queryKey: [...inboxKey, "reply-approval"] });
    },
  });
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <section className="card inbox-lead-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Reply approval</h2>
      <p className="muted">
        Replies by these roles wait until a lead approves them (leads and administrators never wait).{" "}
        {canSet ? "" : "Only administrators change this."}
      </p>
      <fieldset className="inbox-settings-choices" disabled={!canSet}>
        <legend>Roles</legend>
        {APPROVAL_ROLES.map((r) => (
          <label key={r}>
            <input type="checkbox" checked={roles.includes(r)} onChange={() => setRoles((x) => toggle(x, r))} /> {r}
          </label>
        ))}
      </fieldset>
      <fieldset className="inbox-settings-choices" disabled={!canSet}>
        <legend>On these channels (none ticked: every channel)</legend>
        {channels.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={accountIds.includes(c.id)} onChange={() => setAccountIds((x) => toggle(x, c.id))} />{" "}
            {c.networkName} {c.network === "email" ? c.handle : `@${c.handle}`}
          </label>
        ))}
      </fieldset>
      {canSet && (
        <div>
          <button type="button" className="button button-small button-primary" disabled={save.isPending} onClick={() => save.mutate()}>
            Save reply approval
          </button>
        </div>
      )}
      <ErrorMessage error={save.error} title="Not saved" />
    </section>
  );
}

/** /inbox/settings: agents' capacity and presence, teams' auto-assignment and SLA, leads to sales, reply approval. */
export function QueueSettingsPage() {
  const agents = useQuery({ queryKey: agentsKey, queryFn: () => fetchAgents(), refetchInterval: 30_000 });
  const teams = useQuery({ queryKey: teamSettingsKey, queryFn: fetchTeamSettings });
  const policies = useQuery({ queryKey: slaPoliciesKey, queryFn: fetchSlaPolicies, staleTime: 5 * 60_000 });
  return (
    <>
      <PageHeader
        title="Inbox queue settings"
        description="Who takes how much, how new conversations are handed out, their SLA, where leads go and whose replies need approval."
        actions={
          <>
            <Link className="button" to="/inbox/routing">
              Routing rules
            </Link>
            <Link className="button" to="/inbox">
              Back to the inbox
            </Link>
          </>
        }
      />
      <div className="inbox-settings">
        <section className="card" aria-labelledby="agents-heading">
          <h2 id="agents-heading">Agents</h2>
          <p className="muted">
            Auto-assignment hands new conversations only to available agents under their capacity (most open conversations).
          </p>
          <ErrorMessage error={agents.error} title="The agents could not be loaded" />
          <table className="inbox-queue-table">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Presence</th>
                <th scope="col">Open</th>
                <th scope="col">Capacity</th>
              </tr>
            </thead>
            <tbody>
              {(agents.data ?? []).map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <span className="inbox-presence">
                      <span className="inbox-presence-dot" data-presence={a.presence} aria-hidden="true" />
                      {PRESENCE_LABELS[a.presence]}
                      {a.presenceAuto ? " (inactive)" : ""}
                    </span>
                  </td>
                  <td>{a.load}</td>
                  <td>
                    <CapacityCell agent={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="teams-heading">
          <h2 id="teams-heading">Teams</h2>
          <p className="muted">
            A team's SLA policy applies to its conversations unless a routing rule names another. SLA policies and business hours are kept
            with the help desk's.
          </p>
          <table className="inbox-queue-table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">New conversations</th>
                <th scope="col">SLA policy</th>
                <th scope="col">
                  <span className="sr-only">Save</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(teams.data ?? []).map((t) => (
                <TeamRow key={`${t.teamId}-${t.autoAssign}-${t.slaPolicyId}`} team={t} policies={policies.data ?? []} />
              ))}
            </tbody>
          </table>
        </section>
        <SalesWebhook />
        <ReplyApproval />
      </div>
    </>
  );
}
