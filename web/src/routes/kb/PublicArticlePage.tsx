import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { fetchPublicArticle, kbKeys } from "../../api/kb.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { Time } from "../../components/Time.js";
import { ArticleHtml } from "./ArticleHtml.js";
import "./kb.css";

/** /help/:slug: a public article, readable without signing in (outside the app's shell). */
export function PublicArticlePage() {
  const { slug = "" } = useParams();
  const article = useQuery({ queryKey: kbKeys.publicArticle(slug), queryFn: () => fetchPublicArticle(slug), retry: false });
  const data = article.data;
  useEffect(() => {
    if (data) document.title = `${data.title} · Help`;
  }, [data]);
  return (
    <div className="kb-public">
      <header className="kb-public-header">
        <span className="brand">Switchboard help</span>
        <Link to={`/login?next=${encodeURIComponent("/kb")}`}>Sign in</Link>
      </header>
      <main id="main" className="kb-public-main">
        {article.isPending && <Loading label="Loading the article…" />}
        <ErrorMessage error={article.error} title="This article is not available" />
        {data && (
          <article>
            <h1>{data.title}</h1>
            {data.summary && <p className="page-description">{data.summary}</p>}
            <p className="muted kb-meta">
              Updated <Time iso={data.updatedAt} date />
            </p>
            <ArticleHtml html={data.html} />
          </article>
        )}
      </main>
    </div>
  );
}
