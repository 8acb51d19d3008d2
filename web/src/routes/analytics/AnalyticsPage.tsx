import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { accountsKey, fetchAccounts } from "../../api/accounts.js";
import { campaignsKey, fetchCampaigns } from "../../api/campaigns.js";
import { useCan, useCurrentUser } from "../../auth/currentUser.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { BestTimePanel } from "./BestTimePanel.js";
import { PracticePanel } from "./PracticePanel.js";
import { RangePicker } from "./RangePicker.js";
import { ReportView } from "./ReportView.js";
import { ServicePanel } from "./ServicePanel.js";
import { SettingsPanel } from "./SettingsPanel.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

/** The overview: every campaign, channel, link and post, filterable, with response times, practice ratios, best times to post and (for admins) the settings. */
export function AnalyticsPage() {
  const range = useRange();
  const isAdmin = useCurrentUser().user.roles.includes("admin");
  const canSeeInbox = useCan("inbox.read");
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const accounts = useQuery({ queryKey: [...accountsKey, "all"], queryFn: () => fetchAccounts() });
  const campaignId = range.param("campaign");
  const accountId = range.param("channel");
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Clicks, leads, sales and what they cost, from tracked links, the website and the inbox."
        actions={
          <Link className="button" to={`/analytics/channels?from=${range.from}&to=${range.to}`}>
            Channel metrics
          </Link>
        }
      />
      <div className="analytics-toolbar">
        <RangePicker from={range.from} to={range.to} onChange={range.set} />
        <div className="analytics-filters">
          <SelectField label="Campaign" value={campaignId} onChange={(e) => range.setParam("campaign", e.target.value)}>
            <option value="">All campaigns</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Channel" value={accountId} onChange={(e) => range.setParam("channel", e.target.value)}>
            <option value="">All channels</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.network} · {a.handle}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <ReportView
        filter={{ from: range.from, to: range.to, campaignId: campaignId || undefined, accountId: accountId || undefined }}
        scope="overview"
        fileStem="analytics"
      />
      {canSeeInbox && <ServicePanel from={range.from} to={range.to} />}
      {canSeeInbox && <PracticePanel from={range.from} to={range.to} accountId={accountId} />}
      <BestTimePanel accounts={accounts.data ?? []} accountId={accountId} />
      {isAdmin && <SettingsPanel />}
    </>
  );
}
