import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { fetchSetupStatus, login, meKey, setupStatusKey } from "../api/auth.js";
import { ApiError } from "../api/client.js";
import { useMeQuery } from "../auth/currentUser.js";
import { AuthLayout } from "../components/AuthLayout.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { TextField } from "../components/TextField.js";
import { safeNext } from "../lib/safeNext.js";

/** login_locked says how long to wait; say it in minutes. */
function retryHint(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "login_locked") return null;
  const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return seconds ? `You can try again in about ${Math.max(1, Math.ceil(seconds / 60))} minute(s).` : null;
}

export function LoginPage() {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const setup = useQuery({ queryKey: setupStatusKey, queryFn: fetchSetupStatus });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const signIn = useMutation({
    mutationFn: () => login(email, password),
    onSuccess: async (signedIn) => {
      queryClient.setQueryData(meKey, signedIn);
      await navigate(next, { replace: true });
    },
  });

  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <AuthLayout title="Sign in">
      {setup.data?.needed && (
        <div className="notice">
          <p>
            Switchboard has no users yet. Open the setup link that the server printed when it started (it ends in{" "}
            <code>/setup#token=…</code>) to create the first admin.
          </p>
        </div>
      )}
      <form className="form" onSubmit={submit} aria-describedby={signIn.isError ? "login-error" : undefined}>
        <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signIn.isError && (
          <div id="login-error">
            <ErrorMessage error={signIn.error} />
            {retryHint(signIn.error) && <p className="field-hint">{retryHint(signIn.error)}</p>}
          </div>
        )}
        <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="auth-footnote">Forgot your password? Ask an administrator to set a new one.</p>
    </AuthLayout>
  );
}
