import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { fetchLink, linksKey } from "../../api/links.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { RangePicker } from "./RangePicker.js";
import { ReportView } from "./ReportView.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

/** One tracked link: its clicks and the conversions credited to it, per day. */
export function LinkAnalyticsPage() {
  const { id = "" } = useParams();
  const range = useRange();
  const link = useQuery({ queryKey: [...linksKey, id], queryFn: () => fetchLink(id) });
  if (link.isPending) return <Loading label="Loading the link…" />;
  if (link.isError) return <ErrorMessage error={link.error} title="The link could not be loaded" />;
  const l = link.data;
  return (
    <>
      <p className="analytics-back">
        <Link to={`/analytics?from=${range.from}&to=${range.to}`}>← Analytics overview</Link>
      </p>
      <PageHeader
        title={`/l/${l.code}`}
        description={
          <>
            To <span className="analytics-url">{l.destination}</span>
            {l.campaign && (
              <>
                {" "}
                · campaign <Link to={`/analytics/campaigns/${l.campaign.id}`}>{l.campaign.name}</Link>
              </>
            )}{" "}
            · <Link to={`/links/${l.id}`}>Link details and QR code</Link>
          </>
        }
      />
      <div className="analytics-toolbar">
        <RangePicker from={range.from} to={range.to} onChange={range.set} />
      </div>
      <ReportView filter={{ from: range.from, to: range.to, linkId: id }} scope="link" fileStem={`link-${l.code}`} />
    </>
  );
}
