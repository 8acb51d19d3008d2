import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { advocacyKey, fetchItems } from "./advocacyApi.js";
import { ShareCard } from "./ShareCard.js";
import "../publishing/composer/composer.css";
import "./advocacy.css";

/** /advocacy: what the company would like employees to share, each ready to make one's own and post. */
export function ContentToSharePage() {
  const canManage = useCan("advocacy.manage");
  const [params, setParams] = useSearchParams();
  const topic = params.get("topic") ?? "";
  const items = useQuery({
    queryKey: [...advocacyKey, "items", { topic }],
    queryFn: () => fetchItems(topic ? { topic } : {}),
  });
  const setTopic = (value: string) =>
    setParams((p) => {
      if (value) p.set("topic", value);
      else p.delete("topic");
      return p;
    });
  const topics = items.data?.topics ?? [];
  return (
    <>
      <PageHeader
        title="Content to share"
        description="Posts the company would be glad to see on your own accounts. Edit the text as you like; the disclosure stays, and each share gets its own link so you can see how many people it reached."
        actions={
          canManage && (
            <Link className="button" to="/advocacy/manage">
              Curate content
            </Link>
          )
        }
      />
      {topics.length > 0 && (
        <fieldset className="advocacy-topics">
          <legend className="sr-only">Topic</legend>
          {["", ...topics].map((t) => (
            <label key={t || "all"} className={`advocacy-topic${t === topic ? " advocacy-topic-on" : ""}`}>
              <input type="radio" name="topic" value={t} checked={t === topic} onChange={() => setTopic(t)} className="sr-only" />
              {t || "All topics"}
            </label>
          ))}
        </fieldset>
      )}
      {items.isPending && <Loading label="Loading content to share…" />}
      {items.error && <ErrorMessage error={items.error} title="The content could not be loaded" />}
      {items.data && items.data.items.length === 0 && (
        <EmptyState title="Nothing to share right now">
          <p>
            {topic ? "Nothing on this topic at the moment." : "When your social team curates posts for you to share, they appear here."}
          </p>
        </EmptyState>
      )}
      <div className="advocacy-cards">
        {items.data?.items.map((item) => (
          <ShareCard key={item.id} item={item} />
        ))}
      </div>
    </>
  );
}
