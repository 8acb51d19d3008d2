import { useMutation } from "@tanstack/react-query";
import { verifyAuditChain } from "../../api/audit.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";

/** Re-checks every event's hash against the one before it: proof nobody edited the log. */
export const useVerifyChain = () => useMutation({ mutationFn: verifyAuditChain });

export function VerifyChainButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  return (
    <button type="button" className="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
      {verify.isPending ? "Verifying…" : "Verify chain"}
    </button>
  );
}

export function VerifyChainResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const result = verify.data;
  return (
    <div role="status" className="verify-result">
      {verify.isError && <ErrorMessage error={verify.error} title="The chain could not be verified" />}
      {result?.ok && (
        <div className="alert alert-ok">
          <p className="alert-title">Chain OK</p>
          <p>All {result.checked} events are intact: each hash matches its event and the one before it.</p>
        </div>
      )}
      {result && !result.ok && (
        <div className="alert alert-error">
          <p className="alert-title">Chain broken{result.firstBad ? ` at event ${result.firstBad.seq}` : ""}</p>
          <p>
            {result.firstBad?.reason ?? "An event does not match its hash."} {result.checked} events were checked. Someone may have changed
            the log outside Switchboard; keep a copy of the database and investigate.
          </p>
        </div>
      )}
    </div>
  );
}
