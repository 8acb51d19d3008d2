/** The public addresses of an account's hosted feed: `/feeds/<handle>.rss` and `.atom`. */
export function feedUrls(baseUrl: string, handleKey: string) {
  const base = `${baseUrl.replace(/\/+$/, "")}/feeds/${encodeURIComponent(handleKey)}`;
  return { rss: `${base}.rss`, atom: `${base}.atom` };
}
