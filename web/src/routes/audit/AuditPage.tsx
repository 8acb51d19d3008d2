import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { type AuditFilters as ApiFilters, auditKey, fetchAuditEvents } from "../../api/audit.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { localDayEnd, localDayStart } from "../../lib/format.js";
import { AuditFilters, type AuditFilterValues, NO_AUDIT_FILTERS } from "./AuditFilters.js";
import { AuditTable } from "./AuditTable.js";
import { useVerifyChain, VerifyChainButton, VerifyChainResult } from "./VerifyChain.js";

const PAGE_SIZE = 50;

/** Dates are the reader's local days, both included: "to 3 March" means up to the end of 3 March. */
function toApiFilters(f: AuditFilterValues): ApiFilters {
  const from = f.from ? localDayStart(f.from) : undefined;
  const to = f.to ? localDayEnd(f.to) : undefined;
  return { ...(f.action && { action: f.action }), ...(f.q && { q: f.q }), ...(from && { from }), ...(to && { to }) };
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilterValues = {
    action: params.get("action") ?? "",
    q: params.get("q") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  const filtered = Object.values(filters).some(Boolean);
  const apiFilters = toApiFilters(filters);
  const verify = useVerifyChain();
  const events = useInfiniteQuery({
    queryKey: [...auditKey, apiFilters],
    queryFn: ({ pageParam }) => fetchAuditEvents(apiFilters, pageParam, PAGE_SIZE),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
  const list = events.data?.pages.flatMap((page) => page.events) ?? [];

  const applyFilters = (next: AuditFilterValues) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change anyone made, newest first. Each event is chained to the one before it, so tampering shows."
        actions={<VerifyChainButton verify={verify} />}
      />
      <VerifyChainResult verify={verify} />
      <AuditFilters filters={filters} onChange={applyFilters} />
      {events.isPending && <Loading label="Loading events…" />}
      <ErrorMessage error={events.error} title="The audit log could not be loaded" />
      {events.data && list.length === 0 && (
        <EmptyState title={filtered ? "No events match these filters" : "The log is empty"}>
          {filtered && (
            <button type="button" className="button" onClick={() => applyFilters(NO_AUDIT_FILTERS)}>
              Clear filters
            </button>
          )}
        </EmptyState>
      )}
      {list.length > 0 && (
        <>
          <p className="result-count" aria-live="polite">
            Showing {list.length === 1 ? "1 event" : `${list.length} events`}
            {events.hasNextPage ? "; older events are further back" : ""}
          </p>
          <AuditTable events={list} />
          {events.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {events.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
