import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { meKey } from "./api/auth.js";
import { ApiError, isSignedOutError } from "./api/client.js";

/** Any answer saying "nobody is signed in" forgets the user; RequireAuth then sends them to /login. */
function forgetUserWhenSignedOut(error: unknown) {
  if (isSignedOutError(error)) queryClient.setQueryData(meKey, null);
}

/** A 4xx will not change by asking again; network errors and 5xx get two more tries. */
function shouldRetry(failures: number, error: unknown) {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetUserWhenSignedOut }),
  mutationCache: new MutationCache({ onError: forgetUserWhenSignedOut }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry },
    mutations: { retry: false },
  },
});
