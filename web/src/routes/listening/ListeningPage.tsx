import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { createTopic, deleteTopic, fetchHits, fetchTopics, type ListeningTopic, listeningKey } from "../../api/listening.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextField } from "../../components/TextField.js";
import { SentimentBadge } from "../inbox/labels.js";
import { RelativeTime } from "../inbox/RelativeTime.js";
import { SearchStatus } from "./SearchStatus.js";
import "./listening.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** A new topic: a name and its terms, comma-separated (keywords, phrases, #hashtags, brand names). */
function NewTopicForm({ onCreated }: { onCreated: (topic: ListeningTopic) => void }) {
  const [name, setName] = useState("");
  const [terms, setTerms] = useState("");
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      createTopic({
        name: name.trim(),
        terms: terms
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      }),
    onSuccess: async (topic) => {
      setName("");
      setTerms("");
      await queryClient.invalidateQueries({ queryKey: listeningKey });
      onCreated(topic);
    },
  });
  const createOnce = useMutateOnce(create);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createOnce();
  };
  return (
    <form className="listening-new" onSubmit={submit} aria-label="New topic">
      <h2>Listen for a topic</h2>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      <TextField
        label="Terms"
        hint="Comma-separated: keywords, phrases, #hashtags, brand names. Matched whole, ignoring case, in everything the inbox reads from now on."
        value={terms}
        onChange={(e) => setTerms(e.target.value)}
        required
      />
      <button type="submit" className="button button-primary button-small" disabled={create.isPending || !name.trim() || !terms.trim()}>
        {create.isPending ? "Adding…" : "Add topic"}
      </button>
      <ErrorMessage error={create.error} title="The topic was not added" />
    </form>
  );
}

function Hits({ topic, canManage }: { topic: ListeningTopic; canManage: boolean }) {
  const hits = useQuery({ queryKey: [...listeningKey, "hits", topic.id], queryFn: () => fetchHits(topic.id), refetchInterval: 30_000 });
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const remove = useMutation({
    mutationFn: () => deleteTopic(topic.id),
    onSuccess: async () => {
      setParams({});
      await queryClient.invalidateQueries({ queryKey: listeningKey });
    },
  });
  const now = Date.now();
  return (
    <section aria-labelledby="listening-hits-heading" className="listening-hits">
      <div className="listening-hits-header">
        <div>
          <h2 id="listening-hits-heading">{topic.name}</h2>
          <p className="muted">
            {topic.terms.map((t) => (
              <span key={t} className="badge badge-quiet">
                {t}
              </span>
            ))}{" "}
            {topic.enabled ? "" : "· switched off"}
          </p>
        </div>
        {canManage && (
          <button type="button" className="button button-small" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Stop listening
          </button>
        )}
      </div>
      <ErrorMessage error={remove.error} title="The topic was not removed" />
      <SearchStatus topic={topic} />
      {hits.isPending ? (
        <Loading label="Loading what was said…" />
      ) : hits.isError ? (
        <ErrorMessage error={hits.error} title="The matches could not be loaded" />
      ) : hits.data.items.length === 0 ? (
        <EmptyState title="Nothing yet">
          Messages that mention these terms appear here as the inbox reads them, and posts found by searching Bluesky and Mastodon for them
          (the last 7 days first, then every few minutes).
        </EmptyState>
      ) : (
        <ol className="listening-hit-list">
          {hits.data.items.map((h) => (
            <li key={h.id} className="listening-hit">
              <p className="listening-hit-meta">
                <strong>{h.author ? `@${h.author}` : "Someone"}</strong> on {h.channel.network}{" "}
                {h.channel.handle ? `@${h.channel.handle}` : ""} · <RelativeTime iso={h.sentAt} now={now} />{" "}
                <SentimentBadge sentiment={h.sentiment} />
              </p>
              <p className="listening-hit-text">
                {h.text}
                {h.truncated ? "…" : ""}
              </p>
              <p className="listening-hit-meta">
                Matched: {h.matched.join(", ")}
                {h.source === "search" && " · found by search"}
                {h.conversationId && (
                  <>
                    {" · "}
                    <Link to={`/inbox?conversation=${encodeURIComponent(h.conversationId)}`}>Open in the inbox</Link>
                  </>
                )}
                {h.url && (
                  <>
                    {" · "}
                    <a href={h.url} target="_blank" rel="noreferrer">
                      View on the network
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Listening: topics followed beyond direct mentions, and what was said about them. */
export function ListeningPage() {
  const canManage = useCan("inbox.manage");
  const topics = useQuery({ queryKey: listeningKey, queryFn: fetchTopics, refetchInterval: 30_000 });
  const [params, setParams] = useSearchParams();
  const selectedId = params.get("topic");
  const list = topics.data ?? [];
  const selected = list.find((t) => t.id === selectedId) ?? list[0];
  return (
    <>
      <PageHeader
        title="Listening"
        description="Keywords, hashtags and brand names followed in everything the channels bring in, not only direct mentions."
      />
      {topics.isPending ? (
        <Loading label="Loading topics…" />
      ) : topics.isError ? (
        <ErrorMessage error={topics.error} title="Topics could not be loaded" />
      ) : (
        <div className="listening-layout">
          <aside className="listening-topics" aria-label="Topics">
            {list.length === 0 ? (
              <p className="muted">No topics yet.</p>
            ) : (
              <ul>
                {list.map((t) => (
                  <li key={t.id}>
                    <button
                      type="button"
                      className={`listening-topic${t.id === selected?.id ? " listening-topic-current" : ""}`}
                      aria-current={t.id === selected?.id ? "true" : undefined}
                      onClick={() => setParams({ topic: t.id })}
                    >
                      <span className="listening-topic-name">{t.name}</span>
                      <span className="muted">
                        {t.last24h} in 24 h{t.negative24h > 0 ? ` · ${t.negative24h} negative` : ""}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {canManage && <NewTopicForm onCreated={(topic) => setParams({ topic: topic.id })} />}
          </aside>
          {selected ? (
            <Hits key={selected.id} topic={selected} canManage={canManage} />
          ) : (
            <EmptyState title="Nothing to listen for yet">
              {canManage
                ? "Add a topic: a campaign hashtag, your brand's names, a competitor."
                : "A social lead adds the topics followed here."}
            </EmptyState>
          )}
        </div>
      )}
    </>
  );
}
