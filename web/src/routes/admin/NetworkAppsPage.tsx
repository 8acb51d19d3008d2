import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchNetworks, networksKey } from "../../api/accounts.js";
import { fetchNetworkApps, networkAppsKey } from "../../api/connections.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { operatorNetworks } from "../../connectMethods.js";
import { NetworkAppDialog } from "./NetworkAppDialog.js";
import { type NetworkAppRow, NetworkAppsTable } from "./NetworkAppsTable.js";
import { RedirectUriCard } from "./RedirectUriCard.js";

type OpenDialog = { row: NetworkAppRow; askServer: boolean } | null;

export function NetworkAppsPage() {
  const apps = useQuery({ queryKey: networkAppsKey, queryFn: fetchNetworkApps });
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const nameOf = (network: string) => networks.data?.find((n) => n.id === network)?.name ?? network;

  const saved = apps.data?.apps ?? [];
  const operator = operatorNetworks(networks.data ?? []);
  // Every network whose app an administrator registers, set up or not; then the per-server apps (Mastodon) that exist.
  const rows: NetworkAppRow[] = [
    ...operator.map((network) => ({
      network,
      networkName: nameOf(network),
      app: saved.find((a) => a.network === network && a.baseUrl === ""),
    })),
    ...saved
      .filter((a) => !operator.includes(a.network) || a.baseUrl !== "")
      .map((app) => ({ network: app.network, networkName: nameOf(app.network), app })),
  ];

  return (
    <>
      <PageHeader
        title="Network apps"
        description="Switchboard signs in to X, LinkedIn and Meta as an app an administrator registers there once. Mastodon servers need nothing: Switchboard registers itself on each server the first time an account on it is connected."
        actions={
          <button
            type="button"
            className="button"
            onClick={() => setDialog({ row: { network: "mastodon", networkName: nameOf("mastodon"), app: undefined }, askServer: true })}
          >
            Add a Mastodon server's app
          </button>
        }
      />
      {(apps.isPending || networks.isPending) && <Loading label="Loading network apps…" />}
      <ErrorMessage error={apps.error} title="The network apps could not be loaded" />
      {apps.data && networks.data && (
        <>
          <RedirectUriCard redirectUri={apps.data.redirectUri} />
          <section className="section" aria-labelledby="network-apps-title">
            <h2 id="network-apps-title">Apps</h2>
            <NetworkAppsTable rows={rows} onEdit={(row) => setDialog({ row, askServer: false })} />
            <p className="field-hint section-note">
              Client secrets are encrypted in the vault and never shown, here or anywhere else. Saving without a new secret keeps the stored
              one.
            </p>
          </section>
        </>
      )}
      {dialog && (
        <NetworkAppDialog
          network={dialog.row.network}
          networkName={dialog.row.networkName}
          app={dialog.row.app}
          askServer={dialog.askServer}
          redirectUri={apps.data?.redirectUri ?? ""}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
