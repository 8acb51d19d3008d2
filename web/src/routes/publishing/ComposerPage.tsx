import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { fetchPost, postKey } from "../../api/posts.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PostStatusBadge } from "./labels.js";
import { PostComposer } from "./PostComposer.js";

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
      <PageHeader title="Edit post" actions={post.data && <PostStatusBadge status={post.data.status} />} />
      {post.isPending && <Loading label="Loading the post…" />}
      <ErrorMessage error={post.error} title="The post could not be loaded" />
      {/* A new version (after Reload) starts a fresh form from what is saved now. */}
      {post.data && <PostComposer key={post.data.version} post={post.data} onReload={() => void post.refetch()} />}
    </>
  );
}
