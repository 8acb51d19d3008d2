import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { useToast } from "../../components/Toasts.js";
import {
  type Audience,
  attestationKeys,
  type Campaign,
  fetchCampaigns,
  fetchReport,
  fetchVersion,
  fetchVersions,
  publishVersion,
  updateCampaign,
} from "./attestationApi.js";
import "./attestation.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

const ROLES = ["admin", "lead", "contributor", "approver", "agent", "employee", "viewer"];
const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

function PublishForm({ latest }: { latest: number }) {
  const client = useQueryClient();
  const toast = useToast();
  const current = useQuery({ queryKey: attestationKeys.version(latest), queryFn: () => fetchVersion(latest) });
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [note, setNote] = useState("");
  const [substantive, setSubstantive] = useState(true);
  const [kind, setKind] = useState<Audience["kind"]>("everyone");
  const [roles, setRoles] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [due, setDue] = useState(inTwoWeeks());
  const [allowLate, setAllowLate] = useState(true);
  const [remindEveryDays, setRemindEveryDays] = useState(3);
  useEffect(() => {
    if (!current.data) return;
    setTitle(current.data.title);
    setBody(current.data.body);
  }, [current.data]);
  const publish = useMutation({
    mutationFn: () => {
      const audience: Audience = kind === "roles" ? { kind, roles } : kind === "teams" ? { kind, teamIds } : { kind: "everyone" };
      // The end of the chosen day, in the publisher's time zone.
      const dueAt = new Date(`${due}T23:59:59`).toISOString();
      return publishVersion({
        title,
        body,
        note,
        substantive,
        ...(substantive ? { campaign: { audience, dueAt, allowLate, remindEveryDays } } : {}),
      });
    },
    onSuccess: (v) => {
      toast(`Version ${v.version} published${v.substantive ? "; everyone it applies to has been asked to acknowledge it" : ""}.`);
      setNote("");
      void client.invalidateQueries({ queryKey: ["attestation"] });
    },
  });
  const publishOnce = useMutateOnce(publish);
  if (current.isPending) return <Loading label="Loading the current text" />;
  return (
    <form
      className="card form section"
      aria-labelledby="publish-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        publishOnce();
      }}
    >
      <h2 id="publish-title">Publish a new version</h2>
      <TextField label="Title" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <TextAreaField
        label="Policy text"
        hint="Markdown, like knowledge base articles."
        rows={14}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <TextField label="What changed" value={note} onChange={(e) => setNote(e.target.value)} />
      <label className="checkbox-inline">
        <input type="checkbox" checked={substantive} onChange={(e) => setSubstantive(e.target.checked)} /> Substantive change: people must
        acknowledge it again
      </label>
      {substantive && (
        <fieldset className="fieldset">
          <legend>Acknowledgment campaign</legend>
          <div className="radio-row">
            {(["everyone", "roles", "teams"] as const).map((k) => (
              <label key={k} className="checkbox-inline">
                <input type="radio" name="audience" checked={kind === k} onChange={() => setKind(k)} />{" "}
                {k === "everyone" ? "Everyone" : k === "roles" ? "Roles" : "Teams"}
              </label>
            ))}
          </div>
          {kind === "roles" &&
            ROLES.map((r) => (
              <label key={r} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={(e) => setRoles((x) => (e.target.checked ? [...x, r] : x.filter((y) => y !== r)))}
                />{" "}
                {r}
              </label>
            ))}
          {kind === "teams" &&
            (teams.data ?? []).map((t) => (
              <label key={t.id} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={teamIds.includes(t.id)}
                  onChange={(e) => setTeamIds((x) => (e.target.checked ? [...x, t.id] : x.filter((y) => y !== t.id)))}
                />{" "}
                {t.name}
              </label>
            ))}
          <div className="form-grid">
            <TextField label="Due date" type="date" value={due} required onChange={(e) => setDue(e.target.value)} />
            <TextField
              label="Remind every (days)"
              type="number"
              min={1}
              max={60}
              value={remindEveryDays}
              onChange={(e) => setRemindEveryDays(Number(e.target.value))}
            />
          </div>
          <label className="checkbox-inline">
            <input type="checkbox" checked={allowLate} onChange={(e) => setAllowLate(e.target.checked)} /> Allow late acknowledgment
            (otherwise gated rights stop at the due date until they acknowledge)
          </label>
        </fieldset>
      )}
      {publish.error && <ErrorMessage error={publish.error} title="Not published" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={publish.isPending}>
          Publish version {latest + 1}
        </button>
      </div>
    </form>
  );
}

function Report({ campaign }: { campaign: Campaign }) {
  const report = useQuery({ queryKey: attestationKeys.report(campaign.id), queryFn: () => fetchReport(campaign.id) });
  if (report.isPending) return <Loading label="Loading the report" />;
  if (report.isError) return <ErrorMessage error={report.error} />;
  const { pending, acknowledged } = report.data;
  return (
    <div className="section">
      <h3>Not acknowledged ({pending.length})</h3>
      <p>
        <a className="button button-small" href={`/api/attestation/campaigns/${campaign.id}/pending.csv`} download>
          Download CSV
        </a>
      </p>
      {pending.length === 0 ? (
        <p className="muted">Everyone has acknowledged.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Not acknowledged">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Last accepted version</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.name} <span className="muted">{p.email}</span>
                  </td>
                  <td>{p.acknowledgedVersion ?? "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Acknowledged ({acknowledged.length})</h3>
      {acknowledged.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Acknowledged">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">When</th>
                <th scope="col">Read for</th>
              </tr>
            </thead>
            <tbody>
              {acknowledged.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.name} <span className="muted">{p.email}</span>
                  </td>
                  <td>
                    <Time iso={p.acknowledgedAt} /> {p.late && <span className="badge badge-danger">Late</span>}
                  </td>
                  <td>{p.openMs === null ? "—" : `${Math.round(p.openMs / 1000)} s`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Campaigns() {
  const client = useQueryClient();
  const campaigns = useQuery({ queryKey: attestationKeys.campaigns, queryFn: fetchCampaigns });
  const [open, setOpen] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: (id: string) => updateCampaign(id, { closed: true }),
    onSuccess: () => void client.invalidateQueries({ queryKey: attestationKeys.campaigns }),
  });
  if (campaigns.isPending) return <Loading label="Loading campaigns" />;
  if (campaigns.isError) return <ErrorMessage error={campaigns.error} />;
  return (
    <section className="card section" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Acknowledgment campaigns</h2>
      {campaigns.data.length === 0 ? (
        <p className="muted">None yet: publishing a substantive change starts one.</p>
      ) : (
        <ul className="builder-list">
          {campaigns.data.map((c) => (
            <li key={c.id} className="builder-item">
              <strong>Version {c.version}</strong> · due <Time iso={c.dueAt} date /> ·{" "}
              <span className="coverage">
                {c.acknowledged} of {c.total} acknowledged
              </span>{" "}
              · {c.allowLate ? "late allowed" : "no late"} {c.closedAt && <span className="badge badge-quiet">Closed</span>}{" "}
              <button
                type="button"
                className="button button-small"
                aria-expanded={open === c.id}
                onClick={() => setOpen(open === c.id ? null : c.id)}
              >
                {open === c.id ? "Hide report" : "Who has not acknowledged"}
              </button>{" "}
              {!c.closedAt && (
                <button type="button" className="button button-small button-danger-quiet" onClick={() => close.mutate(c.id)}>
                  Close
                </button>
              )}
              {open === c.id && <Report campaign={c} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** /attestation/manage: publish versions of the policy, run campaigns, see who has not acknowledged. */
export function AttestationAdminPage() {
  const versions = useQuery({ queryKey: attestationKeys.versions, queryFn: fetchVersions });
  if (versions.isPending) return <Loading label="Loading versions" />;
  if (versions.isError) return <ErrorMessage error={versions.error} />;
  const latest = versions.data[0]?.version ?? 0;
  return (
    <>
      <p>
        <Link className="back-link" to="/attestation">
          ← Policies to acknowledge
        </Link>
      </p>
      <PageHeader title="Social media policy" description="Versions, acknowledgment campaigns and who has not acknowledged." />
      <Campaigns />
      <PublishForm key={latest} latest={latest} />
      <section className="card section" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <ul className="builder-list">
          {versions.data.map((v) => (
            <li key={v.version} className="builder-item">
              <strong>Version {v.version}</strong> {v.substantive && <span className="badge badge-accent">Substantive</span>} ·{" "}
              {v.publishedBy} · <Time iso={v.publishedAt} /> {v.note && <span className="muted">— {v.note}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
