import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { logout } from "../api/auth.js";

export function SignOutButton() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: logout,
    // Even if the session had already ended, the person asked to leave: forget everything we loaded.
    onSettled: async () => {
      await navigate("/login", { replace: true });
      queryClient.clear();
    },
  });
  return (
    <button type="button" className="button button-small" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
      Sign out
    </button>
  );
}
