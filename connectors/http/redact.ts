/** Query parameters whose values are never recorded. */
const SECRET_PARAM = /token|secret|code|verifier|password|passwd|key|signature|proof|auth|session|credential/i;

/** The URL as it may be recorded: no user:password, no secret-looking query values. */
export function recordableUrl(url: URL): string {
  if (!url.username && !url.password && url.search === "") return url.href;
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  for (const name of new Set(copy.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) copy.searchParams.set(name, "[redacted]");
  }
  return copy.href;
}
