import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * A query parameter a server redirect left for the page (`?connected=1`), read
 * once and then dropped from the address, so a reload or a shared link does
 * not repeat the message.
 */
export function useOneTimeParam(name: string): string | null {
  const [params, setParams] = useSearchParams();
  const [value] = useState(() => params.get(name));
  useEffect(() => {
    if (!params.has(name)) return;
    const rest = new URLSearchParams(params);
    rest.delete(name);
    setParams(rest, { replace: true });
  }, [name, params, setParams]);
  return value;
}
