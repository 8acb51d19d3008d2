import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client.js";
import { fetchOffboarding, markChecklistItem, offboardingKey, offboardingsKey } from "../../api/offboardings.js";
import type { ChecklistItem, Offboarding } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { useUserNames } from "./useUserNames.js";

const BackLink = () => (
  <p className="back-link">
    <Link to="/admin/offboardings">
      <span aria-hidden="true">← </span>All offboardings
    </Link>
  </p>
);

function ChecklistEntry({
  item,
  index,
  pending,
  onToggle,
}: {
  item: ChecklistItem;
  index: number;
  /** The value being saved, shown at once (optimistically) until the server answers. */
  pending: boolean | undefined;
  onToggle: (done: boolean) => void;
}) {
  const id = `checklist-${index}`;
  return (
    <li className={item.done ? "checklist-item checklist-done" : "checklist-item"}>
      <input
        id={id}
        type="checkbox"
        checked={pending ?? item.done}
        disabled={pending !== undefined}
        aria-describedby={`${id}-detail`}
        onChange={(e) => onToggle(e.target.checked)}
      />
      <div className="checklist-body">
        <label htmlFor={id} className="checklist-title">
          {item.title}
        </label>
        <p id={`${id}-detail`} className="checklist-detail">
          {item.detail}
        </p>
        <p className="checklist-meta">
          {item.done && item.doneAt ? (
            <span className="text-ok">
              Done by {item.doneBy ?? "someone"} on <Time iso={item.doneAt} />
            </span>
          ) : (
            <span className="muted">Not done yet</span>
          )}
          {item.accountId && (
            <Link to={`/accounts/${item.accountId}`}>
              Open the account<span className="sr-only"> for: {item.title}</span>
            </Link>
          )}
        </p>
      </div>
    </li>
  );
}

function Checklist({ offboarding }: { offboarding: Offboarding }) {
  const queryClient = useQueryClient();
  // Set in the click handler itself: the mutation's own pending state arrives a tick later, and a
  // controlled checkbox would flick back in between.
  const [saving, setSaving] = useState<{ index: number; done: boolean } | null>(null);
  const tick = useMutation({
    mutationFn: ({ index, done }: { index: number; done: boolean }) => markChecklistItem(offboarding.id, index, done),
    onSuccess: (saved) => {
      queryClient.setQueryData(offboardingKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: [...offboardingsKey, "list"] });
    },
    onSettled: () => setSaving(null),
  });
  const { checklist } = offboarding;
  const done = checklist.filter((i) => i.done).length;
  if (checklist.length === 0) {
    return <p className="muted">Nothing to remove by hand: {offboarding.userEmail} had access to no accounts.</p>;
  }
  return (
    <>
      <p className="result-count" aria-live="polite">
        {done === checklist.length ? `All ${checklist.length} done` : `${done} of ${checklist.length} done`}
      </p>
      <ErrorMessage error={tick.error} title="The checklist could not be updated" />
      <ul className="checklist">
        {checklist.map((item, index) => (
          <ChecklistEntry
            // The list never changes order or length; the index is the item's identity in the API too.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            item={item}
            index={index}
            pending={saving?.index === index ? saving.done : undefined}
            onToggle={(checked) => {
              setSaving({ index, done: checked });
              tick.mutate({ index, done: checked });
            }}
          />
        ))}
      </ul>
    </>
  );
}

/** The outcome of one offboarding: what Switchboard did, and what people must still do on the networks. */
export function OffboardingPage() {
  const { id = "" } = useParams();
  const offboarding = useQuery({ queryKey: offboardingKey(id), queryFn: () => fetchOffboarding(id) });
  const users = useQuery({ queryKey: [...usersKey, {}], queryFn: () => fetchUsers() });
  const nameOf = useUserNames(users.data);

  if (offboarding.isPending) {
    return (
      <>
        <BackLink />
        <PageHeader title="Offboarding" />
        <Loading label="Loading the offboarding…" />
      </>
    );
  }
  if (offboarding.isError) {
    const missing = offboarding.error instanceof ApiError && offboarding.error.status === 404;
    return (
      <>
        <BackLink />
        <PageHeader title={missing ? "Offboarding not found" : "Offboarding"} />
        {missing ? <p>There is no offboarding at this address.</p> : <ErrorMessage error={offboarding.error} />}
      </>
    );
  }

  const o = offboarding.data;
  return (
    <>
      <BackLink />
      <PageHeader
        title={`Offboarding of ${nameOf(o.userId) ?? o.userEmail}`}
        description={
          <>
            {o.userEmail} was offboarded on <Time iso={o.createdAt} />
            {o.performedBy && ` by ${nameOf(o.performedBy) ?? "someone"}`}.
            {o.reassignedTo && ` ${nameOf(o.reassignedTo) ?? "Another user"} took over what they owned.`}
          </>
        }
      />
      <section className="card detail-section" aria-labelledby="offboarding-done">
        <div className="section-header">
          <h2 id="offboarding-done">Done in Switchboard</h2>
        </div>
        <ul className="done-list">
          {o.summary.map((line) => (
            <li key={line} className="done-item">
              {line}
            </li>
          ))}
        </ul>
      </section>
      <section className="card detail-section" aria-labelledby="offboarding-todo">
        <div className="section-header">
          <h2 id="offboarding-todo">Still to do on the networks</h2>
        </div>
        <p className="section-intro">
          Switchboard cannot remove native admin roles, shared passwords or two-factor devices on the networks themselves. Do each by hand
          and tick it off; the audit log records who did.
        </p>
        <Checklist offboarding={o} />
      </section>
    </>
  );
}
