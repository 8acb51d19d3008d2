import type { MutateOptions, UseMutationResult } from "@tanstack/react-query";
import { useRef } from "react";

/**
 * The mutation's `mutate`, ignoring calls while one is under way. `isPending` shows only after the next
 * render, so a form guarded by it alone sends twice when submitted twice in the same moment (Enter and a
 * click, or a double Ctrl+Enter): one reply to a customer, one post, one token must be made once.
 */
export function useMutateOnce<TData, TError, TVariables, TContext>(
  mutation: UseMutationResult<TData, TError, TVariables, TContext>,
): (variables: TVariables, options?: MutateOptions<TData, TError, TVariables, TContext>) => void {
  const underWay = useRef(false);
  return (variables, options) => {
    if (underWay.current) return;
    underWay.current = true;
    mutation.mutate(variables, {
      ...options,
      onSettled: (...settled) => {
        underWay.current = false;
        options?.onSettled?.(...settled);
      },
    });
  };
}
