import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { CopyField } from "../../components/CopyField.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { type AnalyticsSettings, analyticsKey, fetchSettings, rotateSecret, saveSettings } from "./api.js";

const toNumber = (s: string) => (s.trim() === "" ? null : Number(s));

function SettingsForm({ settings }: { settings: AnalyticsSettings }) {
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState(settings.currency);
  const [cpc, setCpc] = useState(settings.cpc === null ? "" : String(settings.cpc));
  const [cpm, setCpm] = useState(settings.cpm === null ? "" : String(settings.cpm));
  const [pixel, setPixel] = useState(settings.pixelEnabled);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveSettings({ currency, cpc: toNumber(cpc), cpm: toNumber(cpm), pixelEnabled: pixel }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKey }),
  });
  const rotate = useMutation({
    mutationFn: rotateSecret,
    onSuccess: async (r) => {
      setSecret(r.secret);
      await queryClient.invalidateQueries({ queryKey: [...analyticsKey, "settings"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <form className="analytics-settings-form" onSubmit={submit}>
        <TextField
          label="Reporting currency"
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          hint="Costs are entered in it; value counts conversions in it."
        />
        <TextField
          label="Modelled cost per click"
          type="number"
          min={0}
          step="0.01"
          value={cpc}
          onChange={(e) => setCpc(e.target.value)}
          hint="For earned media value; empty for none."
        />
        <TextField
          label="Modelled CPM"
          type="number"
          min={0}
          step="0.01"
          value={cpm}
          onChange={(e) => setCpm(e.target.value)}
          hint="Used once network impressions are collected."
        />
        <label className="analytics-check">
          <input type="checkbox" checked={pixel} onChange={(e) => setPixel(e.target.checked)} /> Accept unsigned pixel conversions
        </label>
        <div>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            Save settings
          </button>
        </div>
      </form>
      <ErrorMessage error={save.error} title="The settings were not saved" />
      {save.isSuccess && <p role="status">Settings saved.</p>}
      <div className="analytics-secret">
        <h3>Website signing secret</h3>
        <p className="muted">
          {settings.signingSecret.configured && settings.signingSecret.updatedAt ? (
            <>
              Made <Time iso={settings.signingSecret.updatedAt} />. Making a new one stops the old one at once.
            </>
          ) : (
            "None yet: the website cannot report signed conversions until you make one."
          )}
        </p>
        <button type="button" className="button" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
          {settings.signingSecret.configured ? "Make a new secret" : "Make a secret"}
        </button>
        <ErrorMessage error={rotate.error} title="No secret was made" />
        {secret && <CopyField label="Signing secret (shown this once)" value={secret} selectOnMount />}
      </div>
    </>
  );
}

/** The admin's analytics settings: reporting currency, modelled-value figures, the pixel switch and the signing secret. */
export function SettingsPanel() {
  const settings = useQuery({ queryKey: [...analyticsKey, "settings"], queryFn: fetchSettings });
  return (
    <details className="card analytics-settings">
      <summary>Settings (admins)</summary>
      {settings.isPending ? null : settings.isError ? (
        <ErrorMessage error={settings.error} title="The settings could not be loaded" />
      ) : (
        <SettingsForm key={settings.data.updatedAt ?? "new"} settings={settings.data} />
      )}
    </details>
  );
}
