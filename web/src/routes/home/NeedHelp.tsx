import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { kbKeys, searchArticles } from "../../api/kb.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { fetchTypes, requestKeys } from "../requests/requestsApi.js";

/** "Need help?": search the knowledge base as you type, or go straight to the request form for a type. */
export function NeedHelp() {
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 300);
  const hits = useQuery({
    queryKey: [...kbKeys.all, "home-search", q],
    queryFn: ({ signal }) => searchArticles(q, signal),
    enabled: q.length >= 2,
  });
  const types = useQuery({ queryKey: requestKeys.types, queryFn: fetchTypes });
  const results = q.length >= 2 ? (hits.data?.results ?? []).slice(0, 4) : [];

  return (
    <section className="card home-card home-help" aria-labelledby="home-help">
      <h2 id="home-help">Need help?</h2>
      <p className="muted">Search the knowledge base first; if it has no answer, ask the help desk.</p>
      <search>
        <form
          className="home-search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(text.trim() ? `/kb?q=${encodeURIComponent(text.trim())}` : "/kb");
          }}
        >
          <label htmlFor="home-search-input" className="sr-only">
            Search the knowledge base
          </label>
          <input
            id="home-search-input"
            className="input"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. lost two-factor code, LinkedIn page"
            autoComplete="off"
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
      </search>
      {results.length > 0 && (
        <ul className="home-hits" aria-label="Articles that may help">
          {results.map((hit) => (
            <li key={hit.id}>
              <Link to={`/kb/${hit.slug}`}>{hit.title}</Link>
              {hit.summary && <span className="muted"> · {hit.summary}</span>}
            </li>
          ))}
        </ul>
      )}
      {q.length >= 2 && hits.data && results.length === 0 && <p className="muted home-hits-empty">No article matches “{q}”.</p>}
      <div className="home-help-actions">
        <Link className="button button-primary" to="/helpdesk">
          Ask the help desk
        </Link>
        {types.data && types.data.length > 0 && (
          <ul className="home-types" aria-label="Common requests">
            {types.data.slice(0, 4).map((t) => (
              <li key={t.key}>
                <Link to={`/helpdesk?type=${encodeURIComponent(t.key)}`}>{t.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
