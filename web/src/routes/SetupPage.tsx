import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { fetchSetupStatus, setupStatusKey } from "../api/auth.js";
import { AuthLayout } from "../components/AuthLayout.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { Loading } from "../components/Loading.js";
import { SetupForm } from "./SetupForm.js";

/** The token travels in the URL fragment (#token=…), so it never reaches a server log or a proxy. */
const tokenFromHash = (hash: string) => new URLSearchParams(hash.slice(1)).get("token") ?? "";

export function SetupPage() {
  const status = useQuery({ queryKey: setupStatusKey, queryFn: fetchSetupStatus });
  // Pasting a newer link into the same tab changes only the fragment: that is a fresh form (hence the key).
  // A fragment without a token (e.g. #main) keeps the token already read.
  const hashToken = tokenFromHash(useLocation().hash);
  const [linkToken, setLinkToken] = useState(hashToken);
  if (hashToken && hashToken !== linkToken) setLinkToken(hashToken);

  if (status.isPending) {
    return (
      <AuthLayout title="Set up Switchboard">
        <Loading label="Checking whether Switchboard is set up…" />
      </AuthLayout>
    );
  }
  if (status.data && !status.data.needed) {
    return (
      <AuthLayout title="Already set up">
        <p>Switchboard already has an administrator, so this setup link is no longer needed.</p>
        <Link to="/login" className="button button-primary button-block">
          Go to sign in
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Set up Switchboard">
      <p className="auth-intro">Create the first administrator. You will be signed in straight away and can invite everyone else.</p>
      <ErrorMessage error={status.error} title="Could not check whether Switchboard is set up" />
      <SetupForm key={linkToken} linkToken={linkToken} />
    </AuthLayout>
  );
}
