import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type CheckInput, checkPost, postCheckKey, type VariantInput } from "../../api/posts.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";

const CHECK_DELAY_MS = 300;

/**
 * Each chosen channel's length and problems, as the server counts them (never on the client:
 * X counts a link as 23, Bluesky counts graphemes). Asked once typing pauses.
 */
export function useVariantCheck(text: string, variants: VariantInput[], mediaIds: string[] = []) {
  // A string settles by value, so re-rendering with equal content asks nothing new.
  const settled = useDebouncedValue(JSON.stringify({ text, variants, ...(mediaIds.length > 0 ? { mediaIds } : {}) }), CHECK_DELAY_MS);
  const input = JSON.parse(settled) as CheckInput;
  return useQuery({
    queryKey: postCheckKey(input),
    queryFn: ({ signal }) => checkPost(input, signal),
    enabled: input.variants.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}
