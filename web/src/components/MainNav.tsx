import { NavLink } from "react-router";
import { ADMIN_AREAS, type Area, allowed, SETTINGS_AREAS, WORK_AREAS } from "../areas.js";
import { useCurrentUser } from "../auth/currentUser.js";

function AreaLink({ area }: { area: Area }) {
  return (
    <li>
      <NavLink to={area.path} className="nav-link">
        {area.title}
        {!area.available && (
          <>
            <span className="nav-tag" aria-hidden="true">
              Soon
            </span>
            <span className="sr-only"> (not available yet)</span>
          </>
        )}
      </NavLink>
    </li>
  );
}

function NavGroup({ id, label, areas }: { id: string; label: string; areas: Area[] }) {
  if (areas.length === 0) return null;
  return (
    <div className="nav-group">
      <p id={id} className="nav-heading">
        {label}
      </p>
      <ul className="nav-list" aria-labelledby={id}>
        {areas.map((area) => (
          <AreaLink key={area.path} area={area} />
        ))}
      </ul>
    </div>
  );
}

/** The capability areas; entries the person may not use are left out. */
export function MainNav({ open }: { open: boolean }) {
  const { user, permissions } = useCurrentUser();
  const mine = (areas: Area[]) => areas.filter((area) => allowed(area, permissions));
  return (
    <nav id="main-nav" aria-label="Main" className={open ? "sidebar sidebar-open" : "sidebar"}>
      <ul className="nav-list">
        <li>
          <NavLink to="/" end className="nav-link">
            Home
          </NavLink>
        </li>
        {mine(WORK_AREAS).map((area) => (
          <AreaLink key={area.path} area={area} />
        ))}
      </ul>
      <NavGroup id="nav-admin" label="Admin" areas={mine(ADMIN_AREAS)} />
      <NavGroup id="nav-settings" label="Settings" areas={mine(SETTINGS_AREAS)} />
      <p className="nav-signed-in">
        Signed in as <strong>{user.name}</strong>
        <br />
        {user.email}
      </p>
    </nav>
  );
}
