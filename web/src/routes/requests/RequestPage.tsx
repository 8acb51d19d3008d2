import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { fetchUsers } from "../../api/users.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { Time } from "../../components/Time.js";
import { minutes, SlaBadge, StatusBadge } from "./parts.js";
import {
  AGENT_STATUS_LABELS,
  decideRequest,
  fetchRequest,
  fetchSettings,
  PRIORITIES,
  patchRequest,
  postMessage,
  type RequestDetail,
  rateRequest,
  reopenRequest,
  requestKeys,
  STATUSES,
  tickChecklist,
} from "./requestsApi.js";
import "./requests.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

function useUpdate(number: number) {
  const client = useQueryClient();
  return (data: RequestDetail) => {
    client.setQueryData(requestKeys.one(number), data);
    void client.invalidateQueries({ queryKey: ["requests", "queue"] });
    void client.invalidateQueries({ queryKey: requestKeys.mine });
  };
}

function Conversation({ request }: { request: RequestDetail }) {
  const me = useCurrentUser();
  return (
    <ol className="conversation" aria-label="Conversation">
      <li className="message">
        <p className="message-meta">
          <strong>{request.requester.name}</strong> <Time iso={request.createdAt} />
        </p>
        <p className="message-text">{request.description || request.subject}</p>
      </li>
      {request.messages.map((m) => (
        <li key={m.id} className={m.visibility === "internal" ? "message message-internal" : "message"}>
          <p className="message-meta">
            <strong>{m.author?.id === me.user.id ? "You" : (m.author?.name ?? "Someone")}</strong>
            <Time iso={m.createdAt} />
            {m.visibility === "internal" && <span className="badge badge-warn">Internal note</span>}
          </p>
          <p className="message-text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}

function Reply({ request }: { request: RequestDetail }) {
  const update = useUpdate(request.number);
  const [text, setText] = useState("");
  const [internal, setInternal] = useState(false);
  const send = useMutation({
    mutationFn: () => postMessage(request.number, text.trim(), internal),
    onSuccess: (data) => {
      setText("");
      update(data);
    },
  });
  const sendOnce = useMutateOnce(send);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sendOnce();
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="Reply">
      <TextAreaField
        label={internal ? "Internal note (never shown to the requester)" : request.youMay.work ? "Reply to the requester" : "Your reply"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={4}
        required
        maxLength={20000}
      />
      {request.youMay.work && (
        <label className="checkbox">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal note
        </label>
      )}
      <ErrorMessage error={send.error} />
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={send.isPending || !text.trim()}>
          {internal ? "Add note" : "Send reply"}
        </button>
      </div>
    </form>
  );
}

function Rating({ request }: { request: RequestDetail }) {
  const update = useUpdate(request.number);
  const [score, setScore] = useState(request.rating?.score ?? 0);
  const [comment, setComment] = useState(request.rating?.comment ?? "");
  const rate = useMutation({ mutationFn: () => rateRequest(request.number, score, comment.trim()), onSuccess: update });
  return (
    <form
      className="card form"
      aria-labelledby="rating-title"
      onSubmit={(e) => {
        e.preventDefault();
        rate.mutate();
      }}
    >
      <h2 id="rating-title">How did we do?</h2>
      <fieldset className="rating-stars">
        <legend className="sr-only">Rating from 1 (poor) to 5 (great)</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
            <span>
              {n} {n === 1 ? "poor" : n === 5 ? "great" : ""}
            </span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label="Anything to add? (optional)"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={2}
        maxLength={2000}
      />
      <ErrorMessage error={rate.error} />
      {request.rating && rate.isIdle && <p role="status">Thanks: you rated this {request.rating.score} of 5.</p>}
      {rate.isSuccess && <p role="status">Thanks for your rating.</p>}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={score === 0 || rate.isPending}>
          {request.rating ? "Update rating" : "Send rating"}
        </button>
      </div>
    </form>
  );
}

function AgentControls({ request }: { request: RequestDetail }) {
  const update = useUpdate(request.number);
  const me = useCurrentUser();
  const settings = useQuery({ queryKey: requestKeys.settings, queryFn: fetchSettings });
  const agents = useQuery({ queryKey: ["users", "agents"], queryFn: () => fetchUsers({ status: "active" }) });
  const change = useMutation({ mutationFn: (c: Parameters<typeof patchRequest>[1]) => patchRequest(request.number, c), onSuccess: update });
  const workers = (agents.data ?? []).filter((u) => u.roles.some((r) => r === "agent" || r === "lead" || r === "admin"));
  return (
    <section className="card form" aria-labelledby="work-title">
      <h2 id="work-title">Work this request</h2>
      <SelectField
        label="Status"
        value={request.status}
        onChange={(e) => change.mutate({ status: e.target.value as RequestDetail["status"] })}
        disabled={request.status === "closed"}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {AGENT_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Priority"
        value={request.priority}
        onChange={(e) => change.mutate({ priority: e.target.value as RequestDetail["priority"] })}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p[0]?.toUpperCase() + p.slice(1)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Assignee"
        value={request.assignee?.id ?? ""}
        onChange={(e) => change.mutate({ assigneeId: e.target.value || null })}
      >
        <option value="">Nobody</option>
        {workers.map((u) => (
          <option key={u.id} value={u.id}>
            {u.id === me.user.id ? `${u.name || u.email} (you)` : u.name || u.email}
          </option>
        ))}
      </SelectField>
      <SelectField label="Queue" value={request.queue.id} onChange={(e) => change.mutate({ queueId: e.target.value })}>
        {(settings.data?.queues ?? [request.queue]).map((q) => (
          <option key={q.id} value={q.id}>
            {q.name}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={change.error} />
    </section>
  );
}

function Decision({ request }: { request: RequestDetail }) {
  const update = useUpdate(request.number);
  const [note, setNote] = useState("");
  const decide = useMutation({ mutationFn: (approve: boolean) => decideRequest(request.number, approve, note.trim()), onSuccess: update });
  return (
    <section className="card form" aria-labelledby="decision-title">
      <h2 id="decision-title">Needs your approval</h2>
      <p className="muted">
        {request.type === "new_account"
          ? "Approving adds the account to the inventory with this owner and team, ready to connect."
          : "Approving gives the requester this access to the account."}
      </p>
      <TextAreaField
        label="Note to the requester (optional)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={2000}
      />
      <ErrorMessage error={decide.error} />
      <div className="form-actions form-actions-start">
        <button type="button" className="button button-primary" disabled={decide.isPending} onClick={() => decide.mutate(true)}>
          Approve
        </button>
        <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate(false)}>
          Reject
        </button>
      </div>
    </section>
  );
}

function Checklist({ request }: { request: RequestDetail }) {
  const update = useUpdate(request.number);
  const tick = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => tickChecklist(request.number, id, done),
    onSuccess: update,
  });
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Takedown checklist</h2>
      <ul className="checklist">
        {request.checklist?.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={item.done}
                disabled={!request.youMay.work || tick.isPending}
                onChange={(e) => tick.mutate({ id: item.id, done: e.target.checked })}
              />
              <span>
                {item.label}
                {item.done && (
                  <span className="muted">
                    {" "}
                    · {item.doneBy}, <Time iso={item.doneAt} />
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <ErrorMessage error={tick.error} />
    </section>
  );
}

function Facts({ request }: { request: RequestDetail }) {
  const open = request.clocks.filter((c) => c.stoppedAt === null);
  const past = request.clocks.filter((c) => c.stoppedAt !== null);
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Details</h2>
      <dl className="request-facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={request.status} agent={request.youMay.work} />
        </dd>
        <dt>Type</dt>
        <dd>{request.typeName}</dd>
        <dt>Queue</dt>
        <dd>{request.queue.name}</dd>
        <dt>Priority</dt>
        <dd>{request.priority}</dd>
        <dt>Requester</dt>
        <dd>{request.requester.name}</dd>
        <dt>Assignee</dt>
        <dd>{request.assignee?.name ?? "Nobody yet"}</dd>
        {request.account && (
          <>
            <dt>Account</dt>
            <dd>
              <Link to={`/accounts/${request.account.id}`}>
                {request.account.network} · {request.account.handle}
              </Link>
              {request.account.status === "reported_rogue" && <span className="badge badge-danger">reported rogue</span>}
            </dd>
          </>
        )}
        {request.article && (
          <>
            <dt>Article</dt>
            <dd>
              <Link to={`/kb/${request.article.slug}`}>{request.article.title}</Link>
            </dd>
          </>
        )}
        {Object.entries(request.fields).map(([k, v]) => (
          <FieldFact key={k} name={k} value={v} />
        ))}
        {request.approval && (
          <>
            <dt>Approval</dt>
            <dd>{request.approval}</dd>
          </>
        )}
      </dl>
      <h3 className="request-facts-heading">Service level</h3>
      {open.length === 0 && past.length === 0 && <p className="muted">No clocks.</p>}
      <ul className="request-list">
        {[...open, ...past].map((c) => (
          <li key={`${c.metric}-${c.cycle}`}>
            <SlaBadge clock={c} />
            <span className="muted">
              {c.cycle > 1 ? `Cycle ${c.cycle}: ` : ""}
              {minutes(c.elapsedMinutes)} of {minutes(c.targetMinutes)} used
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const FIELD_NAMES: Record<string, string> = {
  permission: "Access asked",
  network: "Network",
  handle: "Handle",
  purpose: "Purpose",
  audience: "Audience",
  owner: "Owner",
  team: "Team",
  url: "Link",
};
function FieldFact({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{FIELD_NAMES[name] ?? name}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** /helpdesk/requests/:number (the requester's view) and /helpdesk/queue/:number (an agent's). */
export function RequestPage() {
  const number = Number(useParams().number);
  const request = useQuery({ queryKey: requestKeys.one(number), queryFn: () => fetchRequest(number), enabled: Number.isInteger(number) });
  const update = useUpdate(number);
  const reopen = useMutation({ mutationFn: () => reopenRequest(number), onSuccess: update });
  if (request.isPending) return <Loading label="Loading the request" />;
  if (request.error) return <ErrorMessage error={request.error} />;
  const r = request.data;
  return (
    <>
      <p className="back-link">
        {r.youMay.work ? <Link to="/helpdesk/queue">← Request queues</Link> : <Link to="/helpdesk">← Need help?</Link>}
      </p>
      <PageHeader
        title={`#${r.number} ${r.subject}`}
        description={
          <>
            {r.typeName} · {r.queue.name} · filed <Time iso={r.createdAt} />
          </>
        }
        actions={
          r.youMay.reopen ? (
            <button type="button" className="button" onClick={() => reopen.mutate()} disabled={reopen.isPending}>
              Reopen
            </button>
          ) : undefined
        }
      />
      <ErrorMessage error={reopen.error} />
      <div className="request-layout">
        <div className="sidebar-stack">
          <Conversation request={r} />
          {r.youMay.rate && <Rating request={r} />}
          {r.youMay.reply && <Reply request={r} />}
        </div>
        <div className="sidebar-stack">
          {r.youMay.decide && <Decision request={r} />}
          {r.youMay.work && r.status !== "closed" && <AgentControls request={r} />}
          {r.checklist && <Checklist request={r} />}
          <Facts request={r} />
        </div>
      </div>
    </>
  );
}
