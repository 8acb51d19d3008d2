import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fetchAccounts, fetchNetworks } from "../../api/accounts.js";
import type { SearchHit } from "../../api/kb.js";
import { fetchTeams } from "../../api/teams.js";
import { fetchUsers } from "../../api/users.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { StatusBadge } from "./parts.js";
import {
  type FormField,
  fetchMine,
  fetchTypes,
  fileRequest,
  type RequestType,
  recordSolved,
  recordSuggestionClick,
  requestKeys,
  startSuggestionSession,
  suggestArticles,
  updateSuggestionSession,
} from "./requestsApi.js";
import "./requests.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** The pickers behind the form's typed fields; each list is fetched only when a form needs it. */
function FieldInput({ field, value, onChange }: { field: FormField; value: string; onChange: (v: string) => void }) {
  const needs = (kind: FormField["kind"]) => field.kind === kind;
  const networks = useQuery({ queryKey: ["networks"], queryFn: fetchNetworks, enabled: needs("network") });
  const users = useQuery({ queryKey: ["users", "picker"], queryFn: () => fetchUsers({ status: "active" }), enabled: needs("user") });
  const teams = useQuery({ queryKey: ["teams"], queryFn: fetchTeams, enabled: needs("team") });
  const label = field.required ? field.label : `${field.label} (optional)`;
  const common = { label, value, required: field.required, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  if (field.kind === "textarea") return <TextAreaField {...common} rows={3} maxLength={2000} />;
  if (field.kind === "text") return <TextField {...common} maxLength={2000} />;
  const options: [string, string][] =
    field.kind === "select"
      ? (field.options ?? []).map((o) => [o, o || "Nothing new"])
      : field.kind === "network"
        ? (networks.data ?? []).map((n) => [n.id, n.name])
        : field.kind === "user"
          ? (users.data ?? []).map((u) => [u.id, u.name || u.email])
          : (teams.data ?? []).map((t) => [t.id, t.name]);
  return (
    <SelectField {...common}>
      {field.kind !== "select" && <option value="">Choose…</option>}
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}

function AccountPicker({ value, onChange, required }: { value: string; onChange: (v: string) => void; required: boolean }) {
  const accounts = useQuery({ queryKey: ["accounts", "picker"], queryFn: () => fetchAccounts({}) });
  return (
    <SelectField
      label={required ? "Which account?" : "Which account? (optional)"}
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Not about one account</option>
      {(accounts.data ?? []).map((a) => (
        <option key={a.id} value={a.id}>
          {a.networkName} · {a.handle}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * The suggestion session of the form: started when suggestions are first shown, then told every
 * new query and what it showed, so the knowledge base learns what deflects requests.
 */
function useSuggestions(query: string, requestType: string) {
  const settled = useDebouncedValue(query.trim(), 300);
  const sessionId = useRef<string | null>(null);
  const suggestions = useQuery({
    queryKey: ["kb", "suggest", settled],
    queryFn: ({ signal }) => suggestArticles(settled, signal),
    enabled: settled.length >= 3,
    staleTime: 60_000,
  });
  const hits = settled.length >= 3 ? (suggestions.data ?? []) : [];
  const shownKey = hits.map((h) => h.id).join(",");
  useEffect(() => {
    if (!shownKey) return;
    const shown = shownKey.split(",");
    if (sessionId.current) void updateSuggestionSession(sessionId.current, settled, shown, requestType).catch(() => undefined);
    else
      void startSuggestionSession(settled, shown, requestType)
        .then((s) => {
          sessionId.current = s.id;
        })
        .catch(() => undefined);
  }, [shownKey, settled, requestType]);
  return { hits, sessionId };
}

function Suggestions({ hits, sessionId, onSolved }: { hits: SearchHit[]; sessionId: { current: string | null }; onSolved: () => void }) {
  return (
    <section className="card helpdesk-suggestions" aria-labelledby="suggestions-title" aria-live="polite">
      <h2 id="suggestions-title">Articles that may help</h2>
      {hits.length === 0 ? (
        <p className="muted">Describe your problem and we will suggest articles from the knowledge base here.</p>
      ) : (
        <ol>
          {hits.map((hit) => (
            <li key={hit.id}>
              <Link
                to={`/kb/${hit.slug}`}
                target="_blank"
                onClick={() => sessionId.current && void recordSuggestionClick(sessionId.current, hit.id).catch(() => undefined)}
              >
                {hit.title}
              </Link>
              <span className="muted">
                {hit.snippet.map((part, i) =>
                  part.match ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: snippet parts have no identity
                    <mark key={i}>{part.text}</mark>
                  ) : (
                    part.text
                  ),
                )}
              </span>
              <div>
                <button
                  type="button"
                  className="button button-small"
                  onClick={async () => {
                    if (sessionId.current) await recordSolved(sessionId.current, hit.id).catch(() => undefined);
                    onSolved();
                  }}
                >
                  This solved it
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function MyRequests() {
  const mine = useQuery({ queryKey: requestKeys.mine, queryFn: fetchMine });
  return (
    <section className="card helpdesk-mine" aria-labelledby="mine-title">
      <h2 id="mine-title">My requests</h2>
      {mine.isPending ? (
        <Loading label="Loading your requests" />
      ) : mine.error ? (
        <ErrorMessage error={mine.error} />
      ) : mine.data.length === 0 ? (
        <EmptyState title="No requests yet">When you send one, you can follow it here.</EmptyState>
      ) : (
        <ul className="request-list">
          {mine.data.map((r) => (
            <li key={r.id}>
              <span className="request-number">#{r.number}</span>
              <Link to={`/helpdesk/requests/${r.number}`}>{r.subject}</Link>
              <StatusBadge status={r.status} />
              <span className="muted">
                {r.typeName} · updated <Time iso={r.updatedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** /helpdesk: "Need help?": the request form with live article suggestions, and the person's own requests. */
export function HelpdeskPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canWork = useCan("requests.work");
  const types = useQuery({ queryKey: requestKeys.types, queryFn: fetchTypes });
  const articleId = params.get("article");
  const articleTitle = params.get("title");
  const [typeKey, setTypeKey] = useState(params.get("type") ?? (articleId ? "policy_question" : ""));
  const [subject, setSubject] = useState(articleTitle ? `Not answered by “${articleTitle}”` : "");
  const [description, setDescription] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [accountId, setAccountId] = useState("");
  const [solved, setSolved] = useState(false);
  const type: RequestType | undefined = types.data?.find((t) => t.key === typeKey);
  const { hits, sessionId } = useSuggestions(`${subject} ${description}`, typeKey || "unspecified");

  const send = useMutation({
    mutationFn: () =>
      fileRequest({
        type: typeKey,
        subject: subject.trim(),
        description: description.trim(),
        fields: Object.fromEntries(
          Object.entries(fields).filter(([k, v]) => v && type?.fields.some((f) => f.key === k && f.kind !== "account")),
        ),
        accountId: accountId || null,
        articleId,
        suggestionSessionId: sessionId.current,
      }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: requestKeys.all });
      navigate(`/helpdesk/requests/${created.number}`, { state: { filed: true } });
    },
  });

  const sendOnce = useMutateOnce(send);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    sendOnce();
  };

  return (
    <>
      <PageHeader
        title="Need help?"
        description="Lost access, a new or fake account, a policy question: tell us what is wrong. We suggest articles as you type; if they do not solve it, send the request and the right team picks it up."
        actions={
          canWork ? (
            <Link className="button" to="/helpdesk/queue">
              Request queues
            </Link>
          ) : undefined
        }
      />
      {solved ? (
        <div className="alert alert-ok" role="status">
          <p>Glad that helped. If the problem comes back, you can still send a request here.</p>
          <button type="button" className="button button-small" onClick={() => setSolved(false)}>
            Ask something else
          </button>
        </div>
      ) : (
        <div className="helpdesk-layout">
          <form className="card form" onSubmit={submit} aria-labelledby="form-title">
            <h2 id="form-title">Ask the help desk</h2>
            {articleId && articleTitle && (
              <p className="muted">
                About the article <Link to={`/kb/${params.get("slug") ?? ""}`}>{articleTitle}</Link>, which did not help.
              </p>
            )}
            <SelectField
              label="What do you need?"
              value={typeKey}
              required
              onChange={(e) => {
                setTypeKey(e.target.value);
                setFields({});
              }}
              hint={type?.description}
            >
              <option value="">Choose…</option>
              {types.data?.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <TextField label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />
            <TextAreaField
              label="Describe it"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              rows={5}
              maxLength={20000}
              hint="What happened, what you tried, and by when you need it."
            />
            {type?.fields.map((field) =>
              field.kind === "account" ? (
                <AccountPicker key={field.key} value={accountId} onChange={setAccountId} required={field.required} />
              ) : (
                <FieldInput
                  key={field.key}
                  field={field}
                  value={fields[field.key] ?? ""}
                  onChange={(v) => setFields((f) => ({ ...f, [field.key]: v }))}
                />
              ),
            )}
            <ErrorMessage error={send.error} />
            <div className="form-actions form-actions-start">
              <button type="submit" className="button button-primary" disabled={send.isPending || !typeKey}>
                {send.isPending ? "Sending…" : "Send request"}
              </button>
            </div>
          </form>
          <Suggestions hits={hits} sessionId={sessionId} onSolved={() => setSolved(true)} />
        </div>
      )}
      <MyRequests />
    </>
  );
}
