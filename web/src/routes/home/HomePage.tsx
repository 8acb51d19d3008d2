import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { fetchRoles, rolesKey } from "../../api/users.js";
import { ADMIN_AREAS, type Area, allowed, SETTINGS_AREAS, WORK_AREAS } from "../../areas.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ContentToShare } from "./ContentToShare.js";
import { MyRequests } from "./MyRequests.js";
import { MyTraining } from "./MyTraining.js";
import { NeedHelp } from "./NeedHelp.js";
import { PoliciesToAcknowledge } from "./PoliciesToAcknowledge.js";
import { Shortcuts } from "./Shortcuts.js";
import "./home.css";

function AreaCard({ area }: { area: Area }) {
  return (
    <li className="card area-card">
      <h3>
        <Link to={area.path} className="card-link">
          {area.title}
        </Link>
      </h3>
      <p>{area.summary}</p>
      <p className={area.available ? "tag tag-ok" : "tag"}>{area.available ? "Available" : "Not available yet"}</p>
    </li>
  );
}

/**
 * `/`: where everyone lands. The employee's own things first (help, requests, training, the policy,
 * content to share), then shortcuts to the queues for those who work them, then the person's roles
 * and every area they may open.
 */
export function HomePage() {
  const { user, permissions } = useCurrentUser();
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles, staleTime: Number.POSITIVE_INFINITY });
  const describe = (role: string) => roles.data?.roles.find((r) => r.role === role)?.description;
  const areas = [...WORK_AREAS, ...ADMIN_AREAS, ...SETTINGS_AREAS].filter((area) => allowed(area, permissions));
  const ready = areas.filter((area) => area.available);
  const coming = areas.filter((area) => !area.available);

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Switchboard is where this organisation runs its social media." />
      <div className="home-grid">
        <NeedHelp />
        <MyRequests />
        <MyTraining />
        <PoliciesToAcknowledge />
        <ContentToShare />
      </div>
      <Shortcuts />
      <section className="section" aria-labelledby="home-roles">
        <h2 id="home-roles">Your roles</h2>
        {user.roles.length === 0 ? (
          <p className="muted">You have no roles yet. An administrator can give you one.</p>
        ) : (
          <ul className="role-list">
            {user.roles.map((role) => (
              <li key={role}>
                <span className="badge">{role}</span>
                <span className="muted">{describe(role)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="home-ready">
        <h2 id="home-ready">Available now</h2>
        <ul className="card-grid">
          {ready.map((area) => (
            <AreaCard key={area.path} area={area} />
          ))}
        </ul>
      </section>
      {coming.length > 0 && (
        <section className="section" aria-labelledby="home-coming">
          <h2 id="home-coming">Coming next</h2>
          <ul className="card-grid">
            {coming.map((area) => (
              <AreaCard key={area.path} area={area} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
