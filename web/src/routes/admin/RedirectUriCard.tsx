import { CopyField } from "../../components/CopyField.js";

const CALLBACK_PATH = "/api/accounts/oauth/callback";

/** The address every network app must list as its redirect (callback) URL, with a warning when BASE_URL does not match this site. */
export function RedirectUriCard({ redirectUri }: { redirectUri: string | undefined }) {
  // The server derives it from BASE_URL; should it ever not say, this site's own address is the best guess.
  const uri = redirectUri || `${window.location.origin}${CALLBACK_PATH}`;
  const configured = new URL(uri).origin;
  const here = window.location.origin;
  return (
    <section className="card redirect-card" aria-labelledby="redirect-uri-title">
      <h2 id="redirect-uri-title">Redirect URI</h2>
      <p className="section-intro">
        Register this exact address as the redirect (callback) URL of each app below. After someone allows Switchboard on the network, the
        network sends them back here.
      </p>
      <CopyField label="Redirect URI to register on the networks" value={uri} />
      {configured !== here && (
        <p className="alert alert-warning">
          This address starts with <code>{configured}</code>, but you are using Switchboard at <code>{here}</code>. Set{" "}
          <code>BASE_URL</code> to the address people use, or the networks will send them somewhere else.
        </p>
      )}
    </section>
  );
}
