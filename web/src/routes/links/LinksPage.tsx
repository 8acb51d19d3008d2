import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { campaignsKey, fetchCampaigns } from "../../api/campaigns.js";
import { ApiError } from "../../api/client.js";
import { createLink, fetchLinks, linksKey, type TrackedLink } from "../../api/links.js";
import { useCan } from "../../auth/currentUser.js";
import { CopyField } from "../../components/CopyField.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { localDayEnd } from "../../lib/format.js";
import { StatusBadge } from "./StatusBadge.js";
import "./links.css";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** A new link: where it goes, its campaign (whose UTM preset it gets) and, if it should stop working, when. */
function NewLinkForm() {
  const [destination, setDestination] = useState("");
  const [campaignId, setCampaignId] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [created, setCreated] = useState<TrackedLink | null>(null);
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => {
      // Works through the chosen day: expires the last second before the next local midnight.
      const dayEnd = expiresOn ? localDayEnd(expiresOn) : undefined;
      const expiresAt = dayEnd ? new Date(Date.parse(dayEnd) - 1000).toISOString() : undefined;
      return createLink({
        destination: destination.trim(),
        ...(campaignId ? { campaignId } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      });
    },
    onSuccess: async (link) => {
      setCreated(link);
      setDestination("");
      setExpiresOn("");
      await queryClient.invalidateQueries({ queryKey: linksKey });
    },
  });
  const createOnce = useMutateOnce(create);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createOnce();
  };
  // A destination that is not a web address is said under the field; anything else under the form.
  const destinationError =
    create.error instanceof ApiError && create.error.code.startsWith("link_destination") ? create.error.message : undefined;
  return (
    <section className="card links-new" aria-labelledby="links-new-heading">
      <h2 id="links-new-heading">Make a short link</h2>
      <form onSubmit={submit} className="links-new-form">
        <TextField
          label="Destination"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={destination}
          onChange={(e) => setDestination(e.target.value)}
          error={destinationError}
          required
          className="links-new-destination"
        />
        <SelectField
          label="Campaign"
          value={campaignId}
          onChange={(e) => setCampaignId(e.target.value)}
          hint="Its UTM preset is added to the address."
        >
          <option value="">No campaign</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Expires after"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          hint="Optional: the last day it works."
        />
        <div className="links-new-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending || !destination.trim()}>
            {create.isPending ? "Making…" : "Make link"}
          </button>
        </div>
      </form>
      {create.error && !destinationError && <ErrorMessage error={create.error} title="The link was not made" />}
      {created && (
        <div className="links-created" role="status">
          <CopyField label="Your short link" value={created.shortUrl} />
          <p className="muted">
            Goes to <span className="links-url">{created.target}</span> · <Link to={`/links/${created.id}`}>Clicks and QR code</Link>
          </p>
        </div>
      )}
    </section>
  );
}

function LinksTable({ links }: { links: TrackedLink[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Short links, newest first, with their counted clicks</caption>
        <thead>
          <tr>
            <th scope="col">Short link</th>
            <th scope="col">Destination</th>
            <th scope="col">Campaign</th>
            <th scope="col" className="cell-number">
              Clicks
            </th>
            <th scope="col" className="cell-number">
              Last 7 days
            </th>
            <th scope="col">Status</th>
            <th scope="col">Made</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <th scope="row">
                <Link to={`/links/${link.id}`} className="links-code">
                  /l/{link.code}
                </Link>
              </th>
              <td className="links-destination" title={link.destination}>
                {link.destination.replace(/^https?:\/\//, "")}
              </td>
              <td>{link.campaign?.name ?? <span className="muted">None</span>}</td>
              <td className="cell-number">{link.clicks.toLocaleString()}</td>
              <td className="cell-number">{link.clicks7d.toLocaleString()}</td>
              <td>
                <StatusBadge link={link} />
              </td>
              <td className="cell-nowrap">
                <Time iso={link.createdAt} date />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Links: tracked short links, made by hand or by the composer for each post, and how often they are followed. */
export function LinksPage() {
  const canWrite = useCan("posts.write");
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = params.get("status") ?? "all";
  const [search, setSearch] = useState(q);
  const links = useQuery({ queryKey: [...linksKey, { q, status }], queryFn: () => fetchLinks({ q, status }), refetchInterval: 60_000 });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams((p) => {
      if (search.trim()) p.set("q", search.trim());
      else p.delete("q");
      return p;
    });
  };
  return (
    <>
      <PageHeader
        title="Links"
        description="Short links at /l/… that count one click per visitor per hour, leave bots out and keep no addresses. The composer makes one for every link in a post."
      />
      {canWrite && <NewLinkForm />}
      <section aria-labelledby="links-list-heading" className="links-list">
        <div className="links-list-header">
          <h2 id="links-list-heading">All links</h2>
          <form className="links-filters" onSubmit={apply} aria-label="Filter links">
            <TextField
              label="Search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Code or address"
            />
            <SelectField
              label="Status"
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
              <option value="archived">Archived</option>
            </SelectField>
            <button type="submit" className="button">
              Search
            </button>
          </form>
        </div>
        {links.isPending ? (
          <Loading label="Loading links…" />
        ) : links.isError ? (
          <ErrorMessage error={links.error} title="Links could not be loaded" />
        ) : links.data.items.length === 0 ? (
          <EmptyState title={q || status !== "all" ? "No links match" : "No links yet"}>
            {canWrite ? "Make one above, or write a post with a link in it." : "Links appear here as posts with links go out."}
          </EmptyState>
        ) : (
          <>
            <LinksTable links={links.data.items} />
            <p className="muted links-count">
              {links.data.total === links.data.items.length
                ? `${links.data.total} ${links.data.total === 1 ? "link" : "links"}`
                : `The newest ${links.data.items.length} of ${links.data.total} links`}
              . Clicks are counted once a minute.
            </p>
          </>
        )}
      </section>
    </>
  );
}
