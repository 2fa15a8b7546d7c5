import { RESTORE_PARAM } from '../../contract/names.js';

/**
 * The query parameter of restore links. The backend adds it to the link it emails, so the
 * default is the wire contract's (the production product's) name; a site whose backend
 * uses another sets `restore-param`.
 */
export const DEFAULT_RESTORE_PARAM = RESTORE_PARAM;

/** The page as the restore link should reopen it: without an old token, without the fragment. */
export function restoreLinkBase(param: string): string {
  const url = new URL(location.href);
  url.searchParams.delete(param);
  url.hash = '';
  return url.href;
}

/**
 * Reads the restore token from the address bar and removes it, so that it is neither
 * bookmarked, shared nor redeemed twice. SPA routers often rewrite the URL a moment later
 * from the copy they read at start-up, which would put the token back: the removal is
 * repeated after each history change for a few seconds (for this token only).
 */
export function takeRestoreToken(param: string): string | null {
  const token = new URL(location.href).searchParams.get(param);
  if (!token) return null;
  const scrub = () => {
    const url = new URL(location.href);
    // Only this token: another link opened meanwhile (an SPA, a second click) is its own.
    if (url.searchParams.get(param) !== token) return;
    url.searchParams.delete(param);
    history.replaceState(history.state, '', url);
  };
  scrub();
  addEventListener('popstate', scrub);
  for (const ms of [0, 50, 250, 1000, 3000]) setTimeout(scrub, ms);
  setTimeout(() => removeEventListener('popstate', scrub), 5000);
  return token;
}
