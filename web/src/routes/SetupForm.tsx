import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { completeSetup, meKey, setupStatusKey } from "../api/auth.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { NewPasswordFields } from "../components/NewPasswordFields.js";
import { TextField } from "../components/TextField.js";
import { checkNewPassword, hasProblems, type NewPasswordProblems } from "../lib/passwords.js";

/** The first admin's details. `linkToken` is the token from the setup link; without one, it is typed in. */
export function SetupForm({ linkToken }: { linkToken: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [typedToken, setTypedToken] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problems, setProblems] = useState<NewPasswordProblems>({});

  const setup = useMutation({
    mutationFn: () => completeSetup({ token: (linkToken || typedToken).trim(), email, name, password }),
    onSuccess: async (me) => {
      queryClient.setQueryData(meKey, me);
      await navigate("/", { replace: true });
      queryClient.setQueryData(setupStatusKey, { needed: false });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirm);
    setProblems(found);
    if (!hasProblems(found)) setup.mutate();
  };

  return (
    <form className="form" onSubmit={submit}>
      {!linkToken && (
        <TextField
          label="Setup token"
          required
          autoComplete="off"
          value={typedToken}
          onChange={(e) => setTypedToken(e.target.value)}
          hint="The part after #token= in the setup link that the server printed when it started."
        />
      )}
      <TextField label="Your name" required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      <TextField label="Email" type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
      <NewPasswordFields
        password={password}
        confirm={confirm}
        onPasswordChange={setPassword}
        onConfirmChange={setConfirm}
        problems={problems}
      />
      <ErrorMessage error={setup.error} />
      <button type="submit" className="button button-primary button-block" disabled={setup.isPending}>
        {setup.isPending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
