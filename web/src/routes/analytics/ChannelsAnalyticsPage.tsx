import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { type ChannelListItem, fetchChannels, formatWhen, metricsKey } from "./ChannelMetricsParts.js";
import { type Column, DataTable } from "./DataTable.js";
import { formatCount } from "./format.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

function status(c: ChannelListItem): string {
  if (!c.offersMetrics) return "Not offered by this network";
  if (!c.sync) return "Waiting for the first collection";
  if (c.sync.failures > 0) return `Failing (${c.sync.failures}×): ${c.sync.lastError ?? "unknown error"}`;
  return c.sync.backfilledAt ? "Collecting" : "Collecting history";
}

/** Every connected channel with its followers and how metrics collection is going; each opens its dashboard. */
export function ChannelsAnalyticsPage() {
  const range = useRange();
  const channels = useQuery({ queryKey: [...metricsKey, "channels"], queryFn: fetchChannels });
  if (channels.isPending) return <Loading label="Loading channels…" />;
  if (channels.isError) return <ErrorMessage error={channels.error} title="The channels could not be loaded" />;
  const columns: Column<ChannelListItem>[] = [
    {
      header: "Channel",
      value: (c) => c.handle,
      render: (c) => <Link to={`/analytics/channels/${c.id}?from=${range.from}&to=${range.to}`}>{c.displayName || c.handle}</Link>,
    },
    { header: "Network", value: (c) => c.networkName },
    {
      header: "Followers",
      value: (c) => (c.offersMetrics ? c.followers : "not offered"),
      render: (c) => (c.offersMetrics ? formatCount(c.followers) : <span className="muted">Not offered</span>),
      numeric: true,
    },
    { header: "Last collected", value: (c) => c.sync?.lastSyncedAt ?? null, render: (c) => formatWhen(c.sync?.lastSyncedAt ?? null) },
    { header: "Status", value: status },
  ];
  return (
    <>
      <p className="analytics-back">
        <Link to={`/analytics?from=${range.from}&to=${range.to}`}>← Analytics overview</Link>
      </p>
      <PageHeader
        title="Channel metrics"
        description="Followers, impressions and engagement as each network reports them, collected on the network's own schedule."
      />
      <DataTable
        caption="Channels"
        columns={columns}
        rows={channels.data}
        rowKey={(c) => c.id}
        filename="channels.csv"
        empty="No connected channels yet: connect one under Accounts."
      />
    </>
  );
}
