import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditKey } from "../../api/audit.js";
import { type PublishPause, pausesKey, resumePause } from "../../api/pauses.js";
import { postsKey } from "../../api/posts.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { useToast } from "../../components/Toasts.js";
import { scopeText } from "./pauses.js";

const posts = (n: number) => (n === 1 ? "1 post" : `${n} posts`);

/** Confirms a resume, saying plainly what happens to what the pause held. */
export function ResumeDialog({
  pause,
  missedAfterMinutes,
  onClose,
}: {
  pause: PublishPause;
  missedAfterMinutes: number;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const resume = useMutation({
    mutationFn: () => resumePause(pause.id),
    onSuccess: (resumed) => {
      void queryClient.invalidateQueries({ queryKey: pausesKey });
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      const late = resumed.held?.late ?? 0;
      toast(late > 0 ? `Publishing resumed; ${posts(late)} too late will be marked missed` : "Publishing resumed");
    },
  });
  const due = pause.held?.due ?? 0;
  const late = pause.held?.late ?? 0;
  return (
    <ConfirmDialog
      title={`Resume ${scopeText(pause).toLowerCase()}?`}
      confirmLabel="Resume publishing"
      pending={resume.isPending}
      error={resume.error}
      onConfirm={() => resume.mutateAsync()}
      onClose={onClose}
    >
      <p>
        Posts in this scope go out again as they fall due
        {due > late ? `; ${posts(due - late)} held until now will go out within a few seconds` : ""}.
      </p>
      <p>
        {late > 0 ? (
          <strong>
            {posts(late)} {late === 1 ? "is" : "are"} more than {missedAfterMinutes} minutes past {late === 1 ? "its" : "their"} time and
            will be marked missed, not sent.
          </strong>
        ) : (
          `Held posts more than ${missedAfterMinutes} minutes past their time are marked missed, not sent, so nothing stale goes out unreviewed.`
        )}{" "}
        Other pauses still in force keep holding what they cover.
      </p>
    </ConfirmDialog>
  );
}
