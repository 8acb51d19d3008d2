import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { advocacyKey, expireItem, fetchItemShares, type ItemShares, NETWORK_NAMES, updateItem } from "./advocacyApi.js";
import { ItemForm } from "./ItemForm.js";
import "../publishing/composer/composer.css";
import "./advocacy.css";

const STATUS_LABELS = { prepared: "Opened, not confirmed", shared: "Shared", cancelled: "Not posted" } as const;

function PeopleTable({ people }: { people: ItemShares["people"] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Shares and clicks per person</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col" className="cell-number">
              Shares
            </th>
            <th scope="col" className="cell-number">
              Clicks
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.person.id}>
              <th scope="row" className="cell-person">
                <span className="person-name">{p.person.name}</span> <span className="person-email">{p.person.email}</span>
              </th>
              <td className="cell-number">{p.shares.toLocaleString()}</td>
              <td className="cell-number">{p.clicks.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SharesTable({ shares }: { shares: ItemShares["shares"] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Every share, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Network</th>
            <th scope="col">Status</th>
            <th scope="col">Short link</th>
            <th scope="col" className="cell-number">
              Clicks
            </th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {shares.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.person.name}</th>
              <td>{NETWORK_NAMES[s.network]}</td>
              <td>{STATUS_LABELS[s.status]}</td>
              <td className="advocacy-code">{s.shortUrl ? s.shortUrl.replace(/^https?:\/\/[^/]+/, "") : "—"}</td>
              <td className="cell-number">{s.clicks.toLocaleString()}</td>
              <td className="cell-nowrap">
                <Time iso={s.sharedAt ?? s.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /advocacy/manage/:id: an item's shares and clicks per person and per share; change or expire it. */
export function ItemPage() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const data = useQuery({ queryKey: [...advocacyKey, "shares", id], queryFn: () => fetchItemShares(id), refetchInterval: 30_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: advocacyKey });
  const save = useMutation({ mutationFn: (input: Parameters<typeof updateItem>[1]) => updateItem(id, input), onSuccess: refresh });
  const expire = useMutation({ mutationFn: () => expireItem(id), onSuccess: refresh });
  if (data.isPending) return <Loading label="Loading the item…" />;
  if (data.error) return <ErrorMessage error={data.error} title="The item could not be loaded" />;
  const { item, shares, people } = data.data;
  return (
    <>
      <Link to="/advocacy/manage" className="back-link">
        All items
      </Link>
      <PageHeader
        title={item.title}
        description={
          item.status === "expired" ? (
            <>
              Expired <Time iso={item.expiresAt} />: employees no longer see it. Links already shared keep working.
            </>
          ) : (
            <>
              Employees see it under Content to share
              {item.expiresAt ? (
                <>
                  {" "}
                  until <Time iso={item.expiresAt} date />
                </>
              ) : (
                ""
              )}
              .
            </>
          )
        }
        actions={
          item.status === "active" && (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
              Expire now
            </button>
          )
        }
      />
      <dl className="advocacy-figures">
        <div>
          <dt>Shares</dt>
          <dd>{item.shares.toLocaleString()}</dd>
        </div>
        <div>
          <dt>People</dt>
          <dd>{item.people.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Clicks</dt>
          <dd>{item.clicks.toLocaleString()}</dd>
        </div>
      </dl>
      <section aria-labelledby="advocacy-people-heading" className="section">
        <h2 id="advocacy-people-heading">Per person</h2>
        {people.length === 0 ? <p className="muted">Nobody has shared it yet.</p> : <PeopleTable people={people} />}
      </section>
      {shares.length > 0 && (
        <section aria-labelledby="advocacy-shares-heading" className="section">
          <h2 id="advocacy-shares-heading">Every share</h2>
          <SharesTable shares={shares} />
        </section>
      )}
      <section aria-labelledby="advocacy-edit-heading" className="card section advocacy-edit">
        <h2 id="advocacy-edit-heading">Change the item</h2>
        <p className="muted">Links already shared keep going where they went.</p>
        <ItemForm
          key={item.updatedAt}
          item={item}
          defaultDisclosure={item.disclosure}
          submitLabel="Save changes"
          pending={save.isPending}
          error={save.error}
          onSubmit={(input) => save.mutate(input)}
        />
        {save.isSuccess && !save.isPending && (
          <p role="status" className="text-ok">
            Saved.
          </p>
        )}
      </section>
      {confirming && (
        <ConfirmDialog
          title="Expire this item?"
          confirmLabel="Expire now"
          onConfirm={() => expire.mutateAsync()}
          onClose={() => setConfirming(false)}
          pending={expire.isPending}
          error={expire.error}
          danger
        >
          Employees will no longer see it or be able to share it. Posts already out and their links are not affected.
        </ConfirmDialog>
      )}
    </>
  );
}
