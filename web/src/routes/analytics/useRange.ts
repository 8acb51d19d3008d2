import { useSearchParams } from "react-router";
import { utcDay } from "./format.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The date range (UTC days) in the page's address, so a dashboard can be shared and reloaded as it is. */
export function useRange() {
  const [params, setParams] = useSearchParams();
  const to = DAY.test(params.get("to") ?? "") ? (params.get("to") as string) : utcDay(0);
  const from = DAY.test(params.get("from") ?? "") ? (params.get("from") as string) : utcDay(-29);
  const set = (next: { from?: string; to?: string }) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next)) if (v) copy.set(k, v);
        return copy;
      },
      { replace: true },
    );
  const param = (name: string) => params.get(name) ?? "";
  const setParam = (name: string, value: string) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        if (value) copy.set(name, value);
        else copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  return { from, to, set, param, setParam };
}
