import { type ReactNode, useEffect } from "react";

/**
 * The frame of the signed-out pages (setup, sign in): one centred card. No
 * skip link: nothing focusable comes before <main>, and a #main fragment would
 * replace the setup link's #token=….
 */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
  return (
    <div className="auth">
      <header className="auth-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </span>
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
