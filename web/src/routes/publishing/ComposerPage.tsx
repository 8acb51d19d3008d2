import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { fetchPost, postKey } from "../../api/posts.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ApprovalPanel } from "./approvals/ApprovalPanel.js";
import { PostReadOnly } from "./approvals/PostReadOnly.js";
import { DeliveryStatus } from "./composer/DeliveryStatus.js";
import { PostStatusBadge } from "./labels.js";
import { PauseBanner } from "./PauseBanner.js";
import { PostComposer } from "./PostComposer.js";
import { ReviewChoices } from "./ReviewChoices.js";

const backLink = (
  <p className="back-link">
    <Link to="/publishing">
      <span aria-hidden="true">← </span>All posts
    </Link>
  </p>
);

/** /publishing/new writes a post; /publishing/:id edits one. */
export function ComposerPage() {
  const { id } = useParams();
  const canWrite = useCan("posts.write");
  const post = useQuery({ queryKey: postKey(id ?? ""), queryFn: () => fetchPost(id ?? ""), enabled: Boolean(id) });

  if (!id) {
    return (
      <>
        {backLink}
        <PageHeader title="New post" description="Write it once, choose its channels, and decide when it goes out." />
        <PostComposer />
      </>
    );
  }
  return (
    <>
      {backLink}
      <PageHeader title={canWrite ? "Edit post" : "Post"} actions={post.data && <PostStatusBadge status={post.data.status} />} />
      {post.isPending && <Loading label="Loading the post…" />}
      <ErrorMessage error={post.error} title="The post could not be loaded" />
      <PauseBanner />
      {post.data?.status === "needs_review" && <ReviewChoices post={post.data} />}
      {post.data && <DeliveryStatus post={post.data} />}
      {post.data && !canWrite && <PostReadOnly post={post.data} />}
      {post.data && <ApprovalPanel key={`approval-${post.data.version}`} post={post.data} />}
      {/* A new version (after Reload) starts a fresh form from what is saved now. */}
      {post.data && canWrite && <PostComposer key={post.data.version} post={post.data} onReload={() => void post.refetch()} />}
    </>
  );
}
