/**
 * A network's mark as a small coloured monogram (colours in calendar.css). Drawn here rather
 * than taken from an icon set: the calendar needs a handful of glyphs, and a brand-icon package
 * would add megabytes to every install for them. Unknown networks get a neutral grey initial.
 */
const GLYPHS: Record<string, string> = {
  x: "X",
  bluesky: "b",
  mastodon: "M",
  linkedin: "in",
  facebook: "f",
  instagram: "IG",
  threads: "@",
  wordpress: "W",
  rss: "R",
  youtube: "▶",
  tiktok: "t",
};

export function NetworkIcon({ network, name }: { network: string; name: string }) {
  return (
    <span className="network-icon" data-network={network} title={name} aria-hidden="true">
      {GLYPHS[network] ?? network.slice(0, 1).toUpperCase()}
    </span>
  );
}
