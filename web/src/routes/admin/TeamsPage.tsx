import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { deleteTeam, fetchTeams, teamsKey } from "../../api/teams.js";
import type { Team } from "../../api/types.js";
import { usersKey } from "../../api/users.js";
import { useCan } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { TeamCard } from "./TeamCard.js";
import { TeamDialog } from "./TeamDialog.js";

type OpenDialog = { kind: "new" } | { kind: "edit" | "delete"; team: Team } | null;

export function TeamsPage() {
  const canManage = useCan("teams.manage");
  const queryClient = useQueryClient();
  const toast = useToast();
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const remove = useMutation({
    mutationFn: (team: Team) => deleteTeam(team.id),
    onSuccess: (_, team) => {
      void queryClient.invalidateQueries({ queryKey: teamsKey });
      void queryClient.invalidateQueries({ queryKey: usersKey });
      toast(`Deleted team ${team.name}`);
    },
  });
  const newTeamButton = canManage && (
    <button type="button" className="button button-primary" onClick={() => setDialog({ kind: "new" })}>
      New team
    </button>
  );

  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams group people who work together; inbox routing and account access will build on them."
        actions={newTeamButton}
      />
      {teams.isPending && <Loading label="Loading teams…" />}
      <ErrorMessage error={teams.error} title="The teams could not be loaded" />
      {teams.data?.length === 0 && (
        <EmptyState title="No teams yet">
          <p>Create a team for each group that works together, such as Social, Support or PR.</p>
        </EmptyState>
      )}
      {teams.data && teams.data.length > 0 && (
        <ul className="team-grid">
          {teams.data.map((team) => (
            <TeamCard
              key={team.id}
              team={team}
              canManage={canManage}
              onEdit={() => setDialog({ kind: "edit", team })}
              onDelete={() => {
                remove.reset();
                setDialog({ kind: "delete", team });
              }}
            />
          ))}
        </ul>
      )}
      {dialog?.kind === "new" && <TeamDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <TeamDialog team={dialog.team} onClose={() => setDialog(null)} />}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete team ${dialog.team.name}?`}
          confirmLabel="Delete team"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync(dialog.team)}
          onClose={() => setDialog(null)}
        >
          <p>Its {dialog.team.members.length} member(s) keep their accounts; only the team goes away. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
