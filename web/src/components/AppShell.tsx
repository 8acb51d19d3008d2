import { useEffect, useRef, useState } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useCurrentUser } from "../auth/currentUser.js";
import { MainNav } from "./MainNav.js";
import { NotificationsBell } from "./NotificationsBell.js";
import { SignOutButton } from "./SignOutButton.js";
import { SkipLink } from "./SkipLink.js";

/** The signed-in frame: header, navigation (a menu on phones) and the page in <main>. */
export function AppShell() {
  const { user } = useCurrentUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);

  // After a client-side navigation, start the reader at the new page's heading, as a full page load would.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    setMenuOpen(false);
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className={menuOpen ? "shell menu-open" : "shell"}>
      <SkipLink />
      <header className="topbar">
        <button
          ref={menuButton}
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </Link>
        <div className="topbar-user">
          <NotificationsBell />
          <span className="topbar-name" title={user.email}>
            {user.name}
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="shell-body">
        <MainNav open={menuOpen} />
        <main id="main" ref={main} tabIndex={-1} className="main">
          <div className="page">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}
