/**
 * Where a widget request comes from, and whether that page may use the widget: the rules
 * of REFERENCE-API.md's "Origin" and "Restore by email" sections.
 */

/** A host name from a URL-ish string; '' when it has none (an unparsable or opaque `null` Origin). */
function hostOf(value: string): string {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The host of the page that sent the request: `Origin`, else `Referer`. In the browser
 * runtime the service worker never sees those headers (the browser adds them later), but
 * MSW hands over the request's `referrer`, which is the page. null when nothing says
 * (a server, a mobile SDK, curl); '' when something says but names no host.
 */
export function callerHost(request: Request): string | null {
  const header = request.headers.get('Origin') || request.headers.get('Referer');
  if (header) return hostOf(header);
  // `about:client` (a Request made in Node) and '' (no-referrer) name no page.
  const referrer = request.referrer;
  if (referrer && /^https?:/i.test(referrer)) return hostOf(referrer);
  return null;
}

/** Whether `host` is on the list: `*` allows any host, `*.example.com` its subdomains and the apex. */
export function hostAllowed(host: string, domains: readonly string[]): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return domains.some((entry) => {
    let domain = entry.trim().toLowerCase();
    if (domain === '*') return true;
    // Accept `https://shop.example` as well as a bare host, as the production backend does.
    if (domain.includes('://')) domain = hostOf(domain);
    if (domain.startsWith('*.')) return h === domain.slice(2) || h.endsWith(domain.slice(1));
    return !!domain && h === domain;
  });
}

export const allowsAnyHost = (domains: readonly string[]) => domains.some((d) => d.trim() === '*');

/**
 * Whether a URL's authority could take a browser somewhere else than its parsed host:
 * `https://evil.example\@shop.example/` parses as shop.example in some parsers, yet a
 * browser following the mailed link goes to evil.example with the token. A backslash, or a
 * percent-encoded `\ / ? # @`, in the part before the last `@` is refused outright.
 */
export function hidesAnotherHost(raw: string): boolean {
  const afterScheme = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/is.exec(raw.trim());
  if (!afterScheme) return false;
  // The authority ends at the first / ? or # (a backslash does not end it here: that is the trick).
  const authority = afterScheme[1].split(/[/?#]/, 1)[0];
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at);
  if (authority.includes('\\')) return true;
  return /%(5c|2f|3f|23|40)/i.test(userinfo);
}
