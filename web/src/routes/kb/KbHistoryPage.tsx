import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { fetchArticle, fetchVersion, fetchVersions, kbKeys, restoreVersion } from "../../api/kb.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { ArticleHtml } from "./ArticleHtml.js";
import "./kb.css";

function OldVersion({ articleId, version, current }: { articleId: string; version: number; current: number }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const old = useQuery({ queryKey: kbKeys.version(articleId, version), queryFn: () => fetchVersion(articleId, version) });
  const restore = useMutation({
    mutationFn: () => restoreVersion(articleId, version, current),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: kbKeys.all });
      navigate(`/kb/${saved.slug}`);
    },
  });
  if (old.isPending) return <Loading label={`Loading version ${version}…`} />;
  if (old.isError) return <ErrorMessage error={old.error} />;
  return (
    <section className="card kb-old-version" aria-labelledby="kb-old-version">
      <div className="section-header">
        <h2 id="kb-old-version">
          Version {version}: {old.data.title}
        </h2>
        {version !== current && (
          <button type="button" className="button button-primary" onClick={() => restore.mutate()} disabled={restore.isPending}>
            Restore version {version}
          </button>
        )}
      </div>
      <p className="muted">
        Saved <Time iso={old.data.createdAt} /> by {old.data.author} · {old.data.visibility}
        {version !== current && " · restoring saves it again as the newest version; nothing is lost"}
      </p>
      <ErrorMessage error={restore.error} title="The version was not restored" />
      <ArticleHtml html={old.data.html} label={`Version ${version}`} />
    </section>
  );
}

/** /kb/:slug/history: every saved version, newest first; view one, restore it. */
export function KbHistoryPage() {
  const { slug = "" } = useParams();
  const article = useQuery({ queryKey: kbKeys.article(slug), queryFn: () => fetchArticle(slug) });
  const id = article.data?.id;
  const versions = useQuery({ queryKey: kbKeys.versions(id ?? ""), queryFn: () => fetchVersions(id ?? ""), enabled: id !== undefined });
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <p className="back-link">
        <Link to={`/kb/${slug}`}>← Back to the article</Link>
      </p>
      <PageHeader
        title={`History: ${article.data?.title ?? "…"}`}
        description="Every save is kept. Restoring an old version saves it again as the newest."
      />
      {(article.isPending || versions.isPending) && <Loading label="Loading the history…" />}
      <ErrorMessage error={article.error ?? versions.error} />
      {article.data && versions.data && (
        <div className="kb-history">
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.data.versions.map((v) => (
                  <tr key={v.version} aria-current={selected === v.version ? "true" : undefined}>
                    <td>
                      {v.version}
                      {v.version === article.data.version && <span className="badge badge-ok kb-current">current</span>}
                    </td>
                    <td className="cell-nowrap">
                      <Time iso={v.createdAt} />
                    </td>
                    <td>{v.author}</td>
                    <td>{v.note || <span className="muted">—</span>}</td>
                    <td className="cell-actions">
                      <button type="button" className="button button-small" onClick={() => setSelected(v.version)}>
                        View version {v.version}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {selected !== null && <OldVersion articleId={article.data.id} version={selected} current={article.data.version} />}
        </div>
      )}
    </>
  );
}
