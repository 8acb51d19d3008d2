import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { Time } from "../../components/Time.js";
import { type AdvocacyItem, advocacyKey, createItem, fetchItems, fetchPeople, type PersonTotals, SHARES_CSV_URL } from "./advocacyApi.js";
import { ItemForm } from "./ItemForm.js";
import "../publishing/composer/composer.css";
import "./advocacy.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

function ItemsTable({ items }: { items: AdvocacyItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Shareable items, newest first, with their shares and clicks</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Topics</th>
            <th scope="col">Status</th>
            <th scope="col" className="cell-number">
              Shares
            </th>
            <th scope="col" className="cell-number">
              People
            </th>
            <th scope="col" className="cell-number">
              Clicks
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={`/advocacy/manage/${item.id}`}>{item.title}</Link>
              </th>
              <td>{item.topics.join(", ") || <span className="muted">None</span>}</td>
              <td className="cell-nowrap">
                {item.status === "expired" ? (
                  <span className="badge badge-quiet">Expired</span>
                ) : (
                  <span className="badge badge-ok">Active</span>
                )}{" "}
                {item.expiresAt && (
                  <span className="muted">
                    {item.status === "expired" ? "since" : "until"} <Time iso={item.expiresAt} date />
                  </span>
                )}
              </td>
              <td className="cell-number">{item.shares.toLocaleString()}</td>
              <td className="cell-number">{item.people.toLocaleString()}</td>
              <td className="cell-number">{item.clicks.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PeopleTable({ people }: { people: PersonTotals[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Shares and clicks per person, across all items</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col" className="cell-number">
              Items shared
            </th>
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
              <td className="cell-number">{p.items.toLocaleString()}</td>
              <td className="cell-number">{p.shares.toLocaleString()}</td>
              <td className="cell-number">{p.clicks.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /advocacy/manage: what employees are offered to share, a form for a new item, and how each item did. */
export function CurationPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "all";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const items = useQuery({ queryKey: [...advocacyKey, "items", { status }], queryFn: () => fetchItems({ status }) });
  const people = useQuery({ queryKey: [...advocacyKey, "people"], queryFn: fetchPeople });
  const create = useMutation({
    mutationFn: createItem,
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: advocacyKey });
      navigate(`/advocacy/manage/${item.id}`);
    },
  });
  const createOnce = useMutateOnce(create);
  const lastDisclosure = items.data?.items[0]?.disclosure ?? "";
  return (
    <>
      <PageHeader
        title="Curate content to share"
        description="Posts employees may share from their own accounts. Every share carries the disclosure and passes the policy; each gets its own short link, so clicks count per share and per person."
        actions={
          <>
            <Link className="button" to="/advocacy">
              Content to share
            </Link>
            <a className="button" href={SHARES_CSV_URL} download>
              Export shares (CSV)
            </a>
          </>
        }
      />
      <section className="card advocacy-new" aria-labelledby="advocacy-new-heading">
        <h2 id="advocacy-new-heading">New item</h2>
        {items.isPending ? (
          <Loading label="Loading…" />
        ) : (
          <ItemForm
            key={lastDisclosure}
            defaultDisclosure={lastDisclosure}
            submitLabel="Curate item"
            pending={create.isPending}
            error={create.error}
            onSubmit={(input) => createOnce(input)}
          />
        )}
      </section>
      <section aria-labelledby="advocacy-items-heading" className="advocacy-items">
        <div className="section-header">
          <h2 id="advocacy-items-heading">Items</h2>
          <SelectField
            label="Show"
            value={status}
            onChange={(e) =>
              setParams((p) => {
                p.set("status", e.target.value);
                return p;
              })
            }
          >
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="expired">Expired</option>
          </SelectField>
        </div>
        {items.error && <ErrorMessage error={items.error} title="The items could not be loaded" />}
        {items.data && items.data.items.length === 0 && (
          <EmptyState title="No items yet">
            <p>Curate the first one above: employees see it under Content to share.</p>
          </EmptyState>
        )}
        {items.data && items.data.items.length > 0 && <ItemsTable items={items.data.items} />}
      </section>
      {people.data && people.data.people.length > 0 && (
        <section aria-labelledby="advocacy-people-heading" className="section">
          <h2 id="advocacy-people-heading">People</h2>
          <PeopleTable people={people.data.people} />
        </section>
      )}
    </>
  );
}
