import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatInZone } from "../../../../../shared/zonedTime.js";
import { auditKey } from "../../../api/audit.js";
import { ApiError } from "../../../api/client.js";
import { type Post, postKey, postsKey, updatePost } from "../../../api/posts.js";
import { useToast } from "../../../components/Toasts.js";
import { firstLine } from "./postText.js";

export interface MoveProblem {
  title: string;
  message: string;
}

interface Move {
  post: Post;
  to: string;
}

/** Why a time cannot take a post, before asking the server; undefined when it can. */
export function refusalOf(to: string, timeZone: string, now = Date.now()): MoveProblem | undefined {
  if (Date.parse(to) >= now) return undefined;
  return {
    title: "That time has already passed",
    message: `${formatInZone(to, timeZone)} is in the past. A post can only be moved to a time still to come.`,
  };
}

function problemOf(error: unknown, post: Post): MoveProblem {
  const name = `“${firstLine(post.text)}”`;
  if (error instanceof ApiError && error.code === "edit_conflict") {
    return {
      title: "Someone else changed this post",
      message: `${name} was changed after the calendar loaded it, so it was not moved. The calendar now shows the latest version: move it again if you still want to.`,
    };
  }
  if (error instanceof ApiError && error.code === "post_not_editable") {
    return { title: "This post can no longer be moved", message: `${name}: ${error.message} The calendar now shows where it stands.` };
  }
  if (error instanceof ApiError && error.code === "schedule_in_past") {
    return { title: "That time has already passed", message: error.message };
  }
  return { title: `${name} could not be moved`, message: error instanceof Error ? error.message : "Something went wrong." };
}

/**
 * Reschedules a post from the calendar: PATCH with the version the calendar shows, so a post
 * someone changed meanwhile is refused (409) rather than overwritten. The move shows at once and
 * is undone if the server refuses it; either way the calendar is fetched again.
 */
export function useMovePost(calendarKey: QueryKey, timeZone: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [problem, setProblem] = useState<MoveProblem | null>(null);
  /** The post just moved, as a new object each time, so focus can follow it even on a second move. */
  const [lastMoved, setLastMoved] = useState<{ id: string } | null>(null);

  const mutation = useMutation({
    mutationFn: ({ post, to }: Move) => updatePost(post.id, { scheduledAt: to, version: post.version }),
    onMutate: async ({ post, to }: Move) => {
      await queryClient.cancelQueries({ queryKey: calendarKey });
      const previous = queryClient.getQueryData<Post[]>(calendarKey);
      queryClient.setQueryData<Post[]>(calendarKey, (posts) => posts?.map((p) => (p.id === post.id ? { ...p, scheduledAt: to } : p)));
      return { previous };
    },
    onError: (error, { post }, context) => {
      if (context?.previous) queryClient.setQueryData(calendarKey, context.previous);
      setProblem(problemOf(error, post));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(postKey(saved.id), saved);
      setLastMoved({ id: saved.id });
      toast(`Moved to ${saved.scheduledAt ? formatInZone(saved.scheduledAt, timeZone) : "drafts"}`);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
    },
  });

  /** Moves `post` to the instant `to`, unless that is where it is or a time that has passed. */
  const move = (post: Post, to: string | undefined) => {
    setProblem(null);
    if (!to || to === post.scheduledAt) return;
    const refusal = refusalOf(to, timeZone);
    if (refusal) {
      setProblem(refusal);
      return;
    }
    mutation.mutate({ post, to });
  };

  /** Says why a drop on a day or hour that has passed did nothing. */
  const refuse = (slot: string) =>
    setProblem({
      title: "That time has already passed",
      message: `${slot} is in the past. Drop the post on a day or an hour still to come.`,
    });

  return { move, refuse, problem, dismiss: () => setProblem(null), lastMoved, isMoving: mutation.isPending };
}
