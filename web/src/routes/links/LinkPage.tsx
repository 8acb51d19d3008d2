import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { fetchClicks, fetchLink, linksKey, qrUrl, type TrackedLink, updateLink } from "../../api/links.js";
import { useCan } from "../../auth/currentUser.js";
import { CopyField } from "../../components/CopyField.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { ClicksChart, labelOf } from "./ClicksChart.js";
import { StatusBadge } from "./StatusBadge.js";
import "./links.css";

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const UTM_LABELS = [
  ["source", "Source"],
  ["medium", "Medium"],
  ["campaign", "Campaign"],
  ["term", "Term"],
  ["content", "Content"],
] as const;

function Clicks({ link }: { link: TrackedLink }) {
  const [interval, setShownInterval] = useState<"hour" | "day">("hour");
  const series = useQuery({
    queryKey: [...linksKey, link.id, "clicks", interval],
    queryFn: () => fetchClicks(link.id, interval, TIME_ZONE),
    refetchInterval: 60_000,
  });
  return (
    <section className="card links-clicks" aria-labelledby="links-clicks-heading">
      <div className="links-section-header">
        <h2 id="links-clicks-heading">Clicks {interval === "hour" ? "per hour, last 48 hours" : "per day, last 30 days"}</h2>
        <fieldset className="links-toggle">
          <legend className="sr-only">Show clicks</legend>
          {(["hour", "day"] as const).map((value) => (
            <label key={value} className={interval === value ? "links-toggle-on" : undefined}>
              <input type="radio" name="interval" value={value} checked={interval === value} onChange={() => setShownInterval(value)} />
              {value === "hour" ? "Per hour" : "Per day"}
            </label>
          ))}
        </fieldset>
      </div>
      {series.isPending ? (
        <Loading label="Loading clicks…" />
      ) : series.isError ? (
        <ErrorMessage error={series.error} title="Clicks could not be loaded" />
      ) : (
        <>
          <p className="links-total">
            <strong>{series.data.total.toLocaleString()}</strong> {series.data.total === 1 ? "click" : "clicks"} in this period ·{" "}
            <strong>{link.clicks.toLocaleString()}</strong> in all
          </p>
          <ClicksChart series={series.data} />
          <details className="links-table-details">
            <summary>Show as a table</summary>
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">Clicks {interval === "hour" ? "per hour" : "per day"}</caption>
                <thead>
                  <tr>
                    <th scope="col">{interval === "hour" ? "Hour" : "Day"}</th>
                    <th scope="col" className="cell-number">
                      Clicks
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {series.data.points
                    .filter((p) => p.clicks > 0)
                    .reverse()
                    .map((p) => (
                      <tr key={p.at}>
                        <th scope="row">{labelOf(series.data, p.at)}</th>
                        <td className="cell-number">{p.clicks}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </details>
          <p className="muted">
            One click per visitor per hour; bots, link previews and HEAD requests are left out. Counted once a minute.
          </p>
        </>
      )}
    </section>
  );
}

/** One short link: where it goes, its clicks over time and its QR code. */
export function LinkPage() {
  const { id = "" } = useParams();
  const canWrite = useCan("posts.write");
  const queryClient = useQueryClient();
  const link = useQuery({ queryKey: [...linksKey, id], queryFn: () => fetchLink(id) });
  const archive = useMutation({
    mutationFn: (archived: boolean) => updateLink(id, { archived }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: linksKey });
    },
  });
  if (link.isPending) return <Loading label="Loading the link…" />;
  if (link.isError) return <ErrorMessage error={link.error} title="The link could not be loaded" />;
  const l = link.data;
  return (
    <>
      <p className="links-back">
        <Link to="/links">← All links</Link>
      </p>
      <PageHeader
        title={`/l/${l.code}`}
        description={
          <>
            <StatusBadge link={l} /> Made <Time iso={l.createdAt} />
            {l.expiresAt && (
              <>
                {" "}
                · {l.status === "expired" ? "expired" : "expires"} <Time iso={l.expiresAt} />
              </>
            )}
          </>
        }
        actions={
          canWrite && (
            <button type="button" className="button" onClick={() => archive.mutate(l.status !== "archived")} disabled={archive.isPending}>
              {l.status === "archived" ? "Switch back on" : "Archive"}
            </button>
          )
        }
      />
      <ErrorMessage error={archive.error} title="The link was not changed" />
      <div className="links-detail">
        <section className="card links-about" aria-labelledby="links-about-heading">
          <h2 id="links-about-heading">Where it goes</h2>
          <CopyField label="Short link" value={l.shortUrl} />
          <dl className="links-facts">
            <dt>Destination</dt>
            <dd className="links-url">{l.destination}</dd>
            <dt>Visitors are sent to</dt>
            <dd className="links-url">
              {l.target}
              {l.status === "active" && <span className="muted"> (plus the click's id as sb_click)</span>}
            </dd>
            <dt>Campaign</dt>
            <dd>{l.campaign?.name ?? "None"}</dd>
            {l.account && (
              <>
                <dt>Channel</dt>
                <dd>
                  {l.account.network} · {l.account.handle}
                </dd>
              </>
            )}
            {l.postId && (
              <>
                <dt>Post</dt>
                <dd>
                  <Link to={`/publishing/${l.postId}`}>Open the post</Link>
                </dd>
              </>
            )}
            <dt>UTM values</dt>
            <dd>
              {UTM_LABELS.some(([key]) => l.utm[key]) ? (
                <ul className="badge-list">
                  {UTM_LABELS.filter(([key]) => l.utm[key]).map(([key, label]) => (
                    <li key={key} className="badge badge-mono">
                      {label}: {l.utm[key]}
                    </li>
                  ))}
                </ul>
              ) : (
                "None"
              )}
            </dd>
          </dl>
        </section>
        <section className="card links-qr" aria-labelledby="links-qr-heading">
          <h2 id="links-qr-heading">QR code</h2>
          <img src={qrUrl(l.id)} alt={`QR code for ${l.shortUrl}`} width={200} height={200} />
          <a className="button button-small" href={qrUrl(l.id, true)} download={`link-${l.code}.svg`}>
            Download SVG
          </a>
        </section>
      </div>
      <Clicks link={l} />
    </>
  );
}
