import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { User } from "../../api/types.js";
import { type UserFilters as Filters, fetchUsers, updateUser, usersKey } from "../../api/users.js";
import { useCan, useCurrentUser } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { EditUserDialog } from "./EditUserDialog.js";
import { NewUserDialog } from "./NewUserDialog.js";
import { OffboardDialog } from "./OffboardDialog.js";
import { SetPasswordDialog } from "./SetPasswordDialog.js";
import { UserFilters } from "./UserFilters.js";
import { UsersTable } from "./UsersTable.js";

type OpenDialog = { kind: "new" } | { kind: "edit" | "password" | "disable" | "offboard"; user: User } | null;

export function UsersPage() {
  const { user: me } = useCurrentUser();
  const canManage = useCan("users.manage");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: params.get("q") ?? "",
    role: (params.get("role") ?? "") as Filters["role"],
    status: (params.get("status") ?? "") as Filters["status"],
  };
  const filtered = Boolean(filters.q || filters.role || filters.status);
  const users = useQuery({ queryKey: [...usersKey, filters], queryFn: () => fetchUsers(filters), placeholderData: keepPreviousData });
  const [dialog, setDialog] = useState<OpenDialog>(null);

  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) => updateUser(user.id, { disabled }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      toast(user.disabled ? `Disabled ${user.name}` : `Enabled ${user.name}`);
    },
  });

  const applyFilters = (next: Filters) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  const toggleDisabled = (user: User) => {
    setDisabled.reset();
    if (user.disabled) setDisabled.mutate({ user, disabled: false });
    else setDialog({ kind: "disable", user });
  };

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to Switchboard, with their roles and teams."
        actions={
          canManage && (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: "new" })}>
              New user
            </button>
          )
        }
      />
      <UserFilters filters={filters} onChange={applyFilters} />
      {dialog?.kind !== "disable" && <ErrorMessage error={setDisabled.error} />}
      {users.isPending && <Loading label="Loading users…" />}
      <ErrorMessage error={users.error} title="The users could not be loaded" />
      {users.data && users.data.length === 0 && (
        <EmptyState title={filtered ? "No users match these filters" : "No users yet"}>
          {filtered && (
            <button type="button" className="button" onClick={() => applyFilters({ q: "", role: "", status: "" })}>
              Clear filters
            </button>
          )}
        </EmptyState>
      )}
      {users.data && users.data.length > 0 && (
        <>
          <p className="result-count" aria-live="polite">
            {users.data.length === 1 ? "1 user" : `${users.data.length} users`}
          </p>
          <UsersTable
            users={users.data}
            currentUserId={me.id}
            canManage={canManage}
            onEdit={(user) => setDialog({ kind: "edit", user })}
            onSetPassword={(user) => setDialog({ kind: "password", user })}
            onToggleDisabled={toggleDisabled}
            onOffboard={(user) => setDialog({ kind: "offboard", user })}
          />
        </>
      )}
      {dialog?.kind === "new" && <NewUserDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <EditUserDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === "password" && <SetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === "offboard" && <OffboardDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === "disable" && (
        <ConfirmDialog
          title={`Disable ${dialog.user.name}?`}
          confirmLabel="Disable user"
          danger
          pending={setDisabled.isPending}
          error={setDisabled.error}
          onConfirm={() => setDisabled.mutateAsync({ user: dialog.user, disabled: true })}
          onClose={() => {
            setDialog(null);
            setDisabled.reset();
          }}
        >
          <p>{dialog.user.email} will be signed out everywhere and their API tokens revoked. You can enable the account again later.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
