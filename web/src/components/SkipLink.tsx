/**
 * The first thing a keyboard reaches. <main id="main"> has tabIndex -1, so
 * following the link moves focus there, not only the scroll position.
 */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}
