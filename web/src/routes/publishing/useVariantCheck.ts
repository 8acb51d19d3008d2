import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { checkPost, postCheckKey, type VariantInput } from "../../api/posts.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";

const CHECK_DELAY_MS = 300;

/**
 * Each chosen channel's length and problems, as the server counts them (never on the client:
 * X counts a link as 23, Bluesky counts graphemes). Asked once typing pauses.
 */
export function useVariantCheck(text: string, variants: VariantInput[]) {
  // A string settles by value, so re-rendering with equal content asks nothing new.
  const settled = useDebouncedValue(JSON.stringify({ text, variants }), CHECK_DELAY_MS);
  const input = JSON.parse(settled) as { text: string; variants: VariantInput[] };
  return useQuery({
    queryKey: postCheckKey(input),
    queryFn: ({ signal }) => checkPost(input, signal),
    enabled: input.variants.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}
