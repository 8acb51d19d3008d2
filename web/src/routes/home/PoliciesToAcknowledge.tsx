import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { Time } from "../../components/Time.js";
import { attestationKeys, fetchMyStatus } from "../attestation/attestationApi.js";

/** The social media policy version the person still has to accept, with its due date, or that they are up to date. */
export function PoliciesToAcknowledge() {
  const status = useQuery({ queryKey: attestationKeys.me, queryFn: fetchMyStatus });
  const s = status.data;
  return (
    <section className="card home-card" aria-labelledby="home-policies">
      <div className="home-card-head">
        <h2 id="home-policies">Policies to acknowledge</h2>
        <Link to="/attestation">Policy page</Link>
      </div>
      {status.isPending && <Loading label="Loading the policy…" />}
      <ErrorMessage error={status.error} title="The policy could not be loaded" />
      {s && !s.current && <p className="muted home-empty">No policy has been published yet.</p>}
      {s?.current && !s.needed && (
        <p className="muted home-empty">
          Nothing to acknowledge: you accepted version {s.acknowledgedVersion ?? s.current.version}
          {s.acknowledgedAt && (
            <>
              {" "}
              on <Time iso={s.acknowledgedAt} date />
            </>
          )}
          .
        </p>
      )}
      {s?.current && s.needed && (
        <ul className="home-list">
          <li>
            <Link to="/attestation" className="home-item-title">
              {s.current.title} (version {s.requiredVersion ?? s.current.version})
            </Link>
            <span className="home-item-meta">
              {s.campaign ? (
                <span className={s.campaign.overdue ? "badge badge-danger" : "badge badge-warn"}>
                  {s.campaign.overdue ? "Overdue since" : "Due"} <Time iso={s.campaign.dueAt} date />
                </span>
              ) : (
                <span className="badge badge-warn">To acknowledge</span>
              )}
              {s.acknowledgedVersion !== null && (
                <span className="muted">You accepted version {s.acknowledgedVersion}; see what changed.</span>
              )}
            </span>
          </li>
        </ul>
      )}
    </section>
  );
}
