import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * An article's HTML as the server rendered and sanitised it (server/kb/render.ts: an allowlist with
 * no scripts, event handlers or style, and the CSP forbids inline script as a second line). After it
 * renders, the #section in the address is scrolled to, as a full page load would.
 */
export function ArticleHtml({ html, label }: { html: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash || !ref.current || !html) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && ref.current.contains(target)) {
      target.scrollIntoView();
      target.classList.add("kb-target");
    }
  }, [hash, html]);
  return (
    <div
      ref={ref}
      className="kb-article"
      {...(label ? { "aria-label": label } : {})}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server with an allowlist (see above)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

export function Snippet({ parts }: { parts: { text: string; match: boolean }[] }) {
  return (
    <p className="kb-snippet">
      {parts.map((part, i) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
          <mark key={i}>{part.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

export function VisibilityBadge({ visibility }: { visibility: "draft" | "internal" | "public" }) {
  if (visibility === "internal") return null;
  return (
    <span className={visibility === "draft" ? "badge badge-quiet" : "badge badge-accent"}>
      {visibility === "draft" ? "Draft" : "Public"}
    </span>
  );
}
