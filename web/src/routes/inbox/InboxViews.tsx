import { Link } from "react-router";
import { type InboxView, VIEWS } from "./views.js";

/** The views as links (each one a URL a person can keep), the current one marked. */
export function InboxViews({ current, hrefFor }: { current: InboxView; hrefFor: (view: InboxView) => string }) {
  return (
    <nav className="inbox-views" aria-label="Inbox views">
      <ul>
        {VIEWS.map((view) => (
          <li key={view.id}>
            <Link to={hrefFor(view)} className="inbox-view-link" aria-current={view.id === current.id ? "page" : undefined}>
              {view.title}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
