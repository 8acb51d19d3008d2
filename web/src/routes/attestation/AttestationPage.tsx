import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { meKey } from "../../api/auth.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { ArticleHtml } from "../kb/ArticleHtml.js";
import { acknowledge, attestationKeys, fetchMyStatus, type OpenedPolicy, openPolicy } from "./attestationApi.js";
import { DiffView } from "./DiffView.js";
import "../kb/kb.css";
import "./attestation.css";

function Reader({ opened, needed, onAccepted }: { opened: OpenedPolicy; needed: boolean; onAccepted: () => void }) {
  // When the text was shown: the open time reported with the acknowledgment (the server bounds it).
  const shownAt = useRef(performance.now());
  const accept = useMutation({
    mutationFn: () => acknowledge(opened.viewId, Math.round(performance.now() - shownAt.current)),
    onSuccess: onAccepted,
  });
  return (
    <>
      {opened.diff && (
        <section className="section" aria-labelledby="diff-title">
          <h2 id="diff-title">What changed since version {opened.sinceVersion}, which you accepted</h2>
          <DiffView parts={opened.diff} label={`Changes from version ${opened.sinceVersion} to ${opened.version}`} />
        </section>
      )}
      <section className="section" aria-labelledby="text-title">
        <h2 id="text-title">
          {opened.title}, version {opened.version}
        </h2>
        <div className="policy-text">
          <ArticleHtml html={opened.html} label="Policy text" />
        </div>
        {needed && (
          <div className="policy-accept">
            <button type="button" className="button button-primary" onClick={() => accept.mutate()} disabled={accept.isPending}>
              I have read and accept version {opened.version}
            </button>
          </div>
        )}
        {accept.error && <ErrorMessage error={accept.error} title="Not recorded" />}
      </section>
    </>
  );
}

/** /attestation: "Policies to acknowledge": the social media policy, what changed, and the acknowledgment. */
export function AttestationPage() {
  const client = useQueryClient();
  const canManage = useCan("attestation.manage");
  const status = useQuery({ queryKey: attestationKeys.me, queryFn: fetchMyStatus });
  const [opened, setOpened] = useState<OpenedPolicy | null>(null);
  const open = useMutation({ mutationFn: openPolicy, onSuccess: setOpened });
  if (status.isPending) return <Loading label="Loading the policy" />;
  if (status.isError) return <ErrorMessage error={status.error} />;
  const s = status.data;
  return (
    <>
      <PageHeader
        title="Policies to acknowledge"
        description="The company's social media policy. When it changes in substance, everyone it applies to reads and accepts it again."
        actions={
          canManage && (
            <Link className="button" to="/attestation/manage">
              Manage the policy
            </Link>
          )
        }
      />
      {!s.current ? (
        <p className="notice">No policy has been published yet.</p>
      ) : s.needed ? (
        <div className={s.campaign?.overdue ? "alert alert-error" : "alert alert-warning"} role="status">
          <p className="alert-title">
            Please read and acknowledge the social media policy (version {s.requiredVersion})
            {s.campaign && (
              <>
                {" "}
                {s.campaign.overdue ? "— it was due" : "by"} <Time iso={s.campaign.dueAt} date />
              </>
            )}
            .
          </p>
          {s.acknowledgedVersion !== null && <p>You accepted version {s.acknowledgedVersion}; the changes since then are highlighted.</p>}
        </div>
      ) : (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">
            You accepted version {s.acknowledgedVersion} on <Time iso={s.acknowledgedAt} date />. Nothing to do.
          </p>
        </div>
      )}
      {s.current && !opened && (
        <button type="button" className="button button-primary" onClick={() => open.mutate()} disabled={open.isPending}>
          {s.needed ? "Read the policy" : "Read it again"}
        </button>
      )}
      {open.error && <ErrorMessage error={open.error} />}
      {opened && (
        <Reader
          key={opened.viewId}
          opened={opened}
          needed={s.needed || (s.acknowledgedVersion ?? 0) < opened.version}
          onAccepted={() => {
            setOpened(null);
            void client.invalidateQueries({ queryKey: attestationKeys.me });
            void client.invalidateQueries({ queryKey: meKey });
            void client.invalidateQueries({ queryKey: ["training", "requirements", "mine"] });
          }}
        />
      )}
    </>
  );
}
