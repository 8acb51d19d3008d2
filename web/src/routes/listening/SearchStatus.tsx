import { useQuery } from "@tanstack/react-query";
import { fetchNetworks, networksKey } from "../../api/accounts.js";
import { fetchSearchStatus, type ListeningSearchStatus, type ListeningTopic, listeningKey } from "../../api/listening.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { networkLabel } from "../inbox/labels.js";
import { RelativeTime } from "../inbox/RelativeTime.js";

function NextSearch({ s, now }: { s: ListeningSearchStatus; now: number }) {
  if (!s.active) return <span className="muted">Not searching</span>;
  if (!s.nextSearchAt) return <span>Within a minute</span>;
  // A search that is due waits for the next run of the search job (every minute).
  if (Date.parse(s.nextSearchAt) <= now) return <span>Within a minute</span>;
  return <RelativeTime iso={s.nextSearchAt} now={now} />;
}

function Health({ s }: { s: ListeningSearchStatus }) {
  if (s.lastError)
    return (
      <span className="listening-search-error">
        <span className="badge badge-danger">{s.failures === 1 ? "Failed" : `Failed ${s.failures} times in a row`}</span>{" "}
        {s.failingTerm ? `${s.failingTerm}: ` : ""}
        {s.lastError}
      </span>
    );
  if (!s.lastSearchedAt) return <span className="muted">Not searched yet</span>;
  return <span className="badge badge-ok">OK</span>;
}

/**
 * Where the topic is searched on the networks (Bluesky, Mastodon) and how that is going, per channel: when it
 * last searched, how many posts it found, when it searches next, and why it last failed.
 */
export function SearchStatus({ topic }: { topic: ListeningTopic }) {
  const status = useQuery({
    queryKey: [...listeningKey, "searches", topic.id],
    queryFn: () => fetchSearchStatus(topic.id),
    refetchInterval: 30_000,
  });
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const now = Date.now();
  if (status.isPending) return null;
  if (status.isError) return <ErrorMessage error={status.error} title="The search status could not be loaded" />;
  return (
    <section className="listening-searches" aria-labelledby="listening-searches-heading">
      <h3 id="listening-searches-heading">Network searches</h3>
      {status.data.length === 0 ? (
        <p className="muted">No connected Bluesky or Mastodon channel to search with: only what the inbox reads is matched.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Last searched</th>
                <th scope="col">Found</th>
                <th scope="col">Next search</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {status.data.map((s) => (
                <tr key={s.channel.id}>
                  <th scope="row">
                    {networkLabel(networks.data ?? [], s.channel.network)}{" "}
                    <span className="muted">{s.channel.handle ? `@${s.channel.handle}` : ""}</span>
                  </th>
                  <td>{s.lastSearchedAt ? <RelativeTime iso={s.lastSearchedAt} now={now} /> : "Never"}</td>
                  <td>{s.found.toLocaleString()}</td>
                  <td>
                    <NextSearch s={s} now={now} />
                  </td>
                  <td>
                    <Health s={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
