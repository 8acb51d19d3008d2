import { Link } from "react-router";
import type { Post } from "../../api/posts.js";
import type { Network } from "../../api/types.js";
import { networkName } from "./channels.js";
import { HeldBadge } from "./HeldBadge.js";
import { PostStatusBadge } from "./labels.js";
import { ScheduledTime } from "./ScheduledTime.js";

const firstLine = (text: string) =>
  text
    .split("\n")
    .find((line) => line.trim())
    ?.trim() || "(no text)";

export function PostsTable({ posts, networks }: { posts: Post[]; networks: readonly Network[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-posts">
        <caption className="sr-only">Posts</caption>
        <thead>
          <tr>
            <th scope="col">Post</th>
            <th scope="col">Channels</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Status</th>
            <th scope="col">Author</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id}>
              <th scope="row" className="cell-summary">
                <Link to={`/publishing/${post.id}`} className="post-first-line">
                  {firstLine(post.text)}
                </Link>
                {post.tags.length > 0 && (
                  <ul className="badge-list" aria-label="Tags">
                    {post.tags.map((tag) => (
                      <li key={tag} className="badge badge-quiet">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
              </th>
              <td>
                <ul className="channel-list">
                  {post.variants.map((v) => (
                    <li key={v.id}>
                      <span className="account-network">{networkName(networks, v.network)}</span>{" "}
                      {v.handle ?? <span className="text-bad">account deleted</span>}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ScheduledTime iso={post.scheduledAt} timeZone={post.timeZone} />
              </td>
              <td>
                <PostStatusBadge status={post.status} />
                <HeldBadge post={post} />
              </td>
              <td className="cell-nowrap">{post.author.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
