import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { type Article, fetchArticle, kbKeys, voteOnArticle } from "../../api/kb.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { ArticleHtml, VisibilityBadge } from "./ArticleHtml.js";
import "./kb.css";

function Helpful({ article }: { article: Article }) {
  const client = useQueryClient();
  const vote = useMutation({
    mutationFn: (helpful: boolean) => voteOnArticle(article.id, helpful),
    onSuccess: (result) => client.setQueryData<Article>(kbKeys.article(article.slug), (a) => (a ? { ...a, ...result } : a)),
  });
  const mine = vote.data?.myVote ?? article.myVote;
  return (
    <section className="card kb-helpful" aria-labelledby="kb-helpful">
      <h2 id="kb-helpful">Was this helpful?</h2>
      <div className="kb-vote">
        <button type="button" className="button" aria-pressed={mine === true} onClick={() => vote.mutate(true)} disabled={vote.isPending}>
          Yes
        </button>
        <button type="button" className="button" aria-pressed={mine === false} onClick={() => vote.mutate(false)} disabled={vote.isPending}>
          No
        </button>
      </div>
      {mine === true && <p role="status">Thanks for letting us know.</p>}
      {mine === false && (
        <p role="status">
          Sorry it did not help.{" "}
          <Link to={`/helpdesk?${new URLSearchParams({ article: article.id, title: article.title, slug: article.slug })}`}>
            Ask the help desk
          </Link>{" "}
          and we will answer you and improve the article.
        </p>
      )}
      {article.votes && (
        <p className="muted">
          Editors see: {article.votes.helpful} found it helpful, {article.votes.notHelpful} did not.
        </p>
      )}
      <ErrorMessage error={vote.error} />
    </section>
  );
}

/** /kb/:slug: one article, its sections, and "Was this helpful?". */
export function KbArticlePage() {
  const { slug = "" } = useParams();
  const navigate = useNavigate();
  const canEdit = useCan("kb.manage");
  const article = useQuery({ queryKey: kbKeys.article(slug), queryFn: () => fetchArticle(slug) });
  const data = article.data;

  // Renamed since the link was made: show the current address, keeping the #section.
  useEffect(() => {
    if (data?.redirectedFrom && data.slug !== slug) navigate(`/kb/${data.slug}${window.location.hash}`, { replace: true });
  }, [data, slug, navigate]);

  return (
    <>
      <p className="back-link">
        <Link to="/kb">← Knowledge base</Link>
      </p>
      {article.isPending && <Loading label="Loading the article…" />}
      <ErrorMessage error={article.error} title="The article could not be loaded" />
      {data && (
        <>
          <PageHeader
            title={data.title}
            description={data.summary || undefined}
            actions={
              canEdit && (
                <>
                  <Link to={`/kb/${data.slug}/history`} className="button">
                    History
                  </Link>
                  <Link to={`/kb/${data.slug}/edit`} className="button button-primary">
                    Edit
                  </Link>
                </>
              )
            }
          />
          <p className="muted kb-meta">
            {data.category && <span className="badge badge-quiet">{data.category.name}</span>}{" "}
            <VisibilityBadge visibility={data.visibility} /> Updated <Time iso={data.updatedAt} date />
            {data.updatedBy && <> by {data.updatedBy}</>} · version {data.version}
          </p>
          <div className="kb-layout">
            {data.headings.filter((h) => h.level === 2).length > 2 && (
              <nav className="kb-toc" aria-label="In this article">
                <p className="subheading">In this article</p>
                <ul>
                  {data.headings
                    .filter((h) => h.level === 2)
                    .map((h) => (
                      <li key={h.id}>
                        <a href={`#${h.id}`}>{h.text}</a>
                      </li>
                    ))}
                </ul>
              </nav>
            )}
            <div className="kb-main">
              <ArticleHtml html={data.html} />
              <Helpful article={data} />
            </div>
          </div>
        </>
      )}
    </>
  );
}
