import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { createCategory, fetchArticles, fetchCategories, kbKeys, searchArticles } from "../../api/kb.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextField } from "../../components/TextField.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { Snippet, VisibilityBadge } from "./ArticleHtml.js";
import "./kb.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

function SearchResults({ q }: { q: string }) {
  const results = useQuery({ queryKey: kbKeys.search(q), queryFn: ({ signal }) => searchArticles(q, signal) });
  if (results.isPending) return <Loading label="Searching…" />;
  if (results.isError) return <ErrorMessage error={results.error} title="Search failed" />;
  const { results: hits, matched } = results.data;
  return (
    <section aria-labelledby="kb-results" className="section">
      <h2 id="kb-results">Results</h2>
      <p className="muted result-count" role="status">
        {hits.length === 0
          ? `No article matches “${q}”.`
          : matched === "any"
            ? `No article has all those words; these have some of them.`
            : `${hits.length}${hits.length === 20 ? "+" : ""} article${hits.length === 1 ? "" : "s"}`}
      </p>
      <ol className="kb-results">
        {hits.map((hit) => (
          <li key={hit.id} className="kb-result">
            <h3>
              <Link to={`/kb/${hit.slug}`}>{hit.title}</Link> <VisibilityBadge visibility={hit.visibility} />
            </h3>
            {hit.snippet.length > 0 ? <Snippet parts={hit.snippet} /> : hit.summary && <p className="kb-snippet">{hit.summary}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CategoryArticles({ categoryId }: { categoryId: string }) {
  const list = useQuery({ queryKey: kbKeys.list(categoryId), queryFn: () => fetchArticles(categoryId) });
  if (list.isPending) return <Loading label="Loading articles…" />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  if (list.data.articles.length === 0) return <p className="muted">No articles here yet.</p>;
  return (
    <ul className="kb-article-list">
      {list.data.articles.map((a) => (
        <li key={a.id}>
          <Link to={`/kb/${a.slug}`}>{a.title}</Link> <VisibilityBadge visibility={a.visibility} />
          {a.summary && <p className="muted kb-summary">{a.summary}</p>}
        </li>
      ))}
    </ul>
  );
}

function NewCategoryForm() {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const add = useMutation({
    mutationFn: () => createCategory({ name }),
    onSuccess: (data) => {
      client.setQueryData(kbKeys.categories, data);
      setName("");
    },
  });
  const addOnce = useMutateOnce(add);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    addOnce();
  };
  return (
    <form className="kb-category-form" onSubmit={submit}>
      <TextField label="New category" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
      <button type="submit" className="button" disabled={add.isPending || !name.trim()}>
        Add category
      </button>
      <ErrorMessage error={add.error} />
    </form>
  );
}

/** /kb: search the knowledge base, or browse it by category. */
export function KbHomePage() {
  const canEdit = useCan("kb.manage");
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const q = useDebouncedValue(text.trim(), 300);
  const categories = useQuery({ queryKey: kbKeys.categories, queryFn: fetchCategories });

  const onSearch = (value: string) => {
    setText(value);
    setParams(value.trim() ? { q: value } : {}, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Knowledge base"
        description="Guides for each network, the netiquette guide and answers to common questions. Search first: most questions are answered here."
        actions={
          canEdit && (
            <Link to="/kb/new" className="button button-primary">
              New article
            </Link>
          )
        }
      />
      <search className="kb-search" aria-label="Knowledge base">
        <TextField
          label="Search articles"
          type="search"
          value={text}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="e.g. lost two-factor code, hashtags, LinkedIn page"
          autoComplete="off"
        />
      </search>
      {q ? (
        <SearchResults q={q} />
      ) : (
        <>
          {categories.isPending && <Loading label="Loading categories…" />}
          <ErrorMessage error={categories.error} title="The knowledge base could not be loaded" />
          {categories.data && categories.data.categories.length === 0 && categories.data.uncategorisedCount === 0 && (
            <EmptyState title="No articles yet">{canEdit ? "Write the first one with New article." : null}</EmptyState>
          )}
          <div className="kb-categories">
            {categories.data?.categories
              .filter((c) => c.articleCount > 0 || canEdit)
              .map((c) => (
                <section key={c.id} className="card kb-category" aria-labelledby={`kb-cat-${c.id}`}>
                  <h2 id={`kb-cat-${c.id}`}>
                    {c.name} <span className="muted kb-count">{c.articleCount}</span>
                  </h2>
                  {c.description && <p className="muted">{c.description}</p>}
                  <CategoryArticles categoryId={c.id} />
                </section>
              ))}
            {categories.data && categories.data.uncategorisedCount > 0 && (
              <section className="card kb-category" aria-labelledby="kb-cat-none">
                <h2 id="kb-cat-none">
                  Other articles <span className="muted kb-count">{categories.data.uncategorisedCount}</span>
                </h2>
                <CategoryArticles categoryId="none" />
              </section>
            )}
          </div>
          {canEdit && <NewCategoryForm />}
        </>
      )}
    </>
  );
}
