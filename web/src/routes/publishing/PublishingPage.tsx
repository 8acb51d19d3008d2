import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { type PostFilters as Filters, fetchPosts, postsKey } from "../../api/posts.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { WaitingForYou } from "./approvals/WaitingForYou.js";
import { usePublishableChannels } from "./channels.js";
import { PauseBanner } from "./PauseBanner.js";
import { PauseButton } from "./PauseButton.js";
import { PostFilters } from "./PostFilters.js";
import { PostsTable } from "./PostsTable.js";

const NO_FILTERS: Filters = { status: "", accountId: "" };

export function PublishingPage() {
  const canWrite = useCan("posts.write");
  const canManage = useCan("accounts.manage");
  const [params, setParams] = useSearchParams();
  const filters: Filters = { status: (params.get("status") ?? "") as Filters["status"], accountId: params.get("accountId") ?? "" };
  const filtered = Boolean(filters.status || filters.accountId);
  const { channels, networks } = usePublishableChannels();
  const posts = useQuery({
    queryKey: [...postsKey, "list", filters],
    queryFn: () => fetchPosts(filters),
    placeholderData: keepPreviousData,
  });

  const applyFilters = (next: Filters) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  const composeLink = (
    <Link to="/publishing/new" className="button button-primary">
      New post
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Publishing"
        description="Posts for every channel: written once, adjusted per network, and scheduled in the time zone of their audience."
        actions={
          <>
            <Link to="/publishing/calendar" className="button">
              Calendar
            </Link>
            {canManage && (
              <Link to="/publishing/workflows" className="button">
                Approval workflows
              </Link>
            )}
            <PauseButton />
            {canWrite && composeLink}
          </>
        }
      />
      <PauseBanner />
      <WaitingForYou />
      <PostFilters filters={filters} channels={channels} onChange={applyFilters} />
      {posts.isPending && <Loading label="Loading posts…" />}
      <ErrorMessage error={posts.error} title="The posts could not be loaded" />
      {posts.data?.length === 0 && filtered && (
        <EmptyState title="No posts match these filters">
          <button type="button" className="button" onClick={() => applyFilters(NO_FILTERS)}>
            Clear filters
          </button>
        </EmptyState>
      )}
      {posts.data?.length === 0 && !filtered && (
        <EmptyState title="No posts yet">
          <p className="empty-state-text">
            Write a post once, pick the channels it goes to, adjust the wording where a network needs it, and schedule it for when its
            audience is awake.
          </p>
          {canWrite ? <div className="empty-state-actions">{composeLink}</div> : <p>Contributors and social leads can compose posts.</p>}
        </EmptyState>
      )}
      {posts.data && posts.data.length > 0 && (
        <>
          <p className="result-count" aria-live="polite">
            {posts.data.length === 1 ? "1 post" : `${posts.data.length} posts`}
            {filtered ? " match these filters" : ""}
          </p>
          <PostsTable posts={posts.data} networks={networks} />
        </>
      )}
    </>
  );
}
