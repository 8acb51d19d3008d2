import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { browserTimeZone, timeZoneChoices } from "../../../../../shared/zonedTime.js";
import { campaignsKey, fetchCampaigns } from "../../../api/campaigns.js";
import type { AccountSummary } from "../../../api/types.js";

interface CalendarFiltersProps {
  campaignId: string;
  accountId: string;
  timeZone: string;
  /** The zones the posts on screen were scheduled in: offered first. */
  postZones: string[];
  channels: AccountSummary[];
  onChange: (changes: Record<string, string | null>) => void;
}

/** Campaign and channel filters, and the zone the calendar is shown in. */
export function CalendarFilters({ campaignId, accountId, timeZone, postZones, channels, onChange }: CalendarFiltersProps) {
  const id = useId();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const viewerZone = browserTimeZone();
  const usedZones = [...new Set(postZones)].filter((z) => z !== viewerZone).sort();
  const otherZones = timeZoneChoices(timeZone).filter((z) => z !== viewerZone && !usedZones.includes(z));
  return (
    <search className="filters cal-filters">
      <div className="field field-grow">
        <label htmlFor={`${id}-campaign`}>Campaign</label>
        <select id={`${id}-campaign`} className="input" value={campaignId} onChange={(e) => onChange({ campaignId: e.target.value })}>
          <option value="">All campaigns</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {campaignId && campaigns.data && !campaigns.data.some((c) => c.id === campaignId) && (
            <option value={campaignId}>(not a campaign)</option>
          )}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select id={`${id}-channel`} className="input" value={accountId} onChange={(e) => onChange({ accountId: e.target.value })}>
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.networkName} · {c.handle}
            </option>
          ))}
          {accountId && !channels.some((c) => c.id === accountId) && <option value={accountId}>(not a channel)</option>}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-zone`}>Times in</label>
        <select
          id={`${id}-zone`}
          className="input"
          value={timeZone}
          onChange={(e) => onChange({ zone: e.target.value === viewerZone ? null : e.target.value })}
        >
          <option value={viewerZone}>Your time zone ({viewerZone})</option>
          {usedZones.length > 0 && (
            <optgroup label="Zones of these posts">
              {usedZones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Other zones">
            {otherZones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
    </search>
  );
}
