import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { campaignsKey, fetchCampaigns } from "../../api/campaigns.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { analyticsKey, fetchSettings } from "./api.js";
import { CostsPanel } from "./CostsPanel.js";
import { RangePicker } from "./RangePicker.js";
import { ReportView } from "./ReportView.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

/** One campaign: clicks, leads, cost per lead and ROI over time, its links, channels and posts, and its costs. */
export function CampaignAnalyticsPage() {
  const { id = "" } = useParams();
  const range = useRange();
  const canManage = useCan("accounts.manage");
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const settings = useQuery({ queryKey: [...analyticsKey, "settings"], queryFn: fetchSettings });
  if (campaigns.isPending) return <Loading label="Loading the campaign…" />;
  if (campaigns.isError) return <ErrorMessage error={campaigns.error} title="The campaign could not be loaded" />;
  const campaign = campaigns.data.find((c) => c.id === id);
  if (!campaign) return <ErrorMessage error={new Error("There is no such campaign.")} title="Campaign not found" />;
  return (
    <>
      <p className="analytics-back">
        <Link to={`/analytics?from=${range.from}&to=${range.to}`}>← Analytics overview</Link>
      </p>
      <PageHeader title={campaign.name} description={campaign.description || "Campaign dashboard"} />
      <div className="analytics-toolbar">
        <RangePicker from={range.from} to={range.to} onChange={range.set} />
      </div>
      <ReportView
        filter={{ from: range.from, to: range.to, campaignId: id }}
        scope="campaign"
        fileStem={`campaign-${campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`}
      />
      {settings.data && <CostsPanel campaignId={id} currency={settings.data.currency} canManage={canManage} />}
    </>
  );
}
