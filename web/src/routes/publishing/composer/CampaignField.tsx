import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { campaignsKey, createCampaign, fetchCampaigns } from "../../../api/campaigns.js";
import { useCan } from "../../../auth/currentUser.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { SelectField } from "../../../components/SelectField.js";
import { TextField } from "../../../components/TextField.js";

/** Which campaign a post belongs to; social leads can start a new one here. */
export function CampaignField({ value, onChange }: { value: string; onChange: (campaignId: string) => void }) {
  const queryClient = useQueryClient();
  const canCreate = useCan("accounts.manage");
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const [naming, setNaming] = useState<string>();
  const create = useMutation({
    mutationFn: (name: string) => createCampaign({ name }),
    onSuccess: (campaign) => {
      void queryClient.invalidateQueries({ queryKey: campaignsKey });
      onChange(campaign.id);
      setNaming(undefined);
    },
  });
  return (
    <div className="campaign-field">
      <SelectField
        label="Campaign"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        hint="Campaign workflows and reports follow it."
      >
        <option value="">No campaign</option>
        {(campaigns.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      {canCreate && naming === undefined && (
        <button type="button" className="button button-small" onClick={() => setNaming("")}>
          New campaign
        </button>
      )}
      {naming !== undefined && (
        <div className="campaign-new">
          <TextField label="New campaign name" value={naming} onChange={(e) => setNaming(e.target.value)} />
          <button
            type="button"
            className="button button-small"
            disabled={!naming.trim() || create.isPending}
            onClick={() => create.mutate(naming.trim())}
          >
            Create
          </button>
          <button type="button" className="button button-small" onClick={() => setNaming(undefined)}>
            Cancel
          </button>
          <ErrorMessage error={create.error} />
        </div>
      )}
    </div>
  );
}
