import { useQuery } from "@tanstack/react-query";
import { checkText } from "../../../api/policy.js";
import type { Post } from "../../../api/posts.js";
import { Fact } from "../../accounts/AccountOverview.js";
import { networkName, usePublishableChannels } from "../channels.js";
import { Findings } from "../composer/Findings.js";
import { ScheduledTime } from "../ScheduledTime.js";

/** What the policy says about one part, for the approver reading it. */
function PartFindings({ text, label }: { text: string; label: string }) {
  const findings = useQuery({ queryKey: ["policy", "check", text], queryFn: () => checkText({ text }), staleTime: 60_000 });
  return <Findings findings={findings.data ?? []} label={label} />;
}

/** A post as its approvers and viewers read it: every channel's own words, and when it goes out. */
export function PostReadOnly({ post }: { post: Post }) {
  const { networks } = usePublishableChannels();
  return (
    <section className="card detail-section" aria-labelledby="post-heading">
      <div className="section-header">
        <h2 id="post-heading">The post</h2>
      </div>
      <dl className="facts">
        <Fact term="Author">{post.author.name}</Fact>
        <Fact term="Goes out">
          <ScheduledTime iso={post.scheduledAt} timeZone={post.timeZone} />
        </Fact>
        {post.campaign && <Fact term="Campaign">{post.campaign.name}</Fact>}
      </dl>
      {post.variants.map((v) => (
        <article key={v.id} className="read-only-variant" aria-label={`${networkName(networks, v.network)} ${v.handle ?? ""}`}>
          <h3>
            {networkName(networks, v.network)} · {v.handle ?? "account deleted"}
            {v.length && (
              <span className="muted">
                {" "}
                ({v.length.count}/{v.length.limit})
              </span>
            )}
          </h3>
          {[v.text, ...v.threadParts].map((part, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: thread parts are positional
            <div key={i}>
              <p className="comment-body">{part}</p>
              <PartFindings text={part} label={`Policy findings for ${networkName(networks, v.network)}${i > 0 ? `, reply ${i}` : ""}`} />
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}
