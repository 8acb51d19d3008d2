import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client.js";
import { useCan } from "../../auth/currentUser.js";
import { Time } from "../../components/Time.js";

interface ShareableItem {
  id: string;
  title: string;
  expiresAt: string | null;
  mine: { status: string }[];
}

const fetchActiveItems = () =>
  api<{ items: ShareableItem[] }>("GET", "/api/advocacy/items", { query: { status: "active" } }).then((r) => r.items);

const SHOWN = 3;

/**
 * Content to share (server/advocacy): the newest active items the person has not shared yet. The
 * section hides itself for people without advocacy.share and when the list cannot be loaded, so
 * the home page never shows a broken box for an optional feature.
 */
export function ContentToShare() {
  const canShare = useCan("advocacy.share");
  const items = useQuery({ queryKey: ["advocacy", "home"], queryFn: fetchActiveItems, enabled: canShare, retry: false });
  if (!canShare || items.isError) return null;
  const fresh = (items.data ?? []).filter((i) => !i.mine.some((s) => s.status === "shared"));
  return (
    <section className="card home-card" aria-labelledby="home-share">
      <div className="home-card-head">
        <h2 id="home-share">Content to share</h2>
        <Link to="/advocacy">All content</Link>
      </div>
      {items.data && fresh.length === 0 && <p className="muted home-empty">Nothing new to share right now.</p>}
      {fresh.length > 0 && (
        <ul className="home-list">
          {fresh.slice(0, SHOWN).map((item) => (
            <li key={item.id}>
              <Link to="/advocacy" className="home-item-title">
                {item.title}
              </Link>
              {item.expiresAt && (
                <span className="home-item-meta muted">
                  Until <Time iso={item.expiresAt} date />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
