// Sending a visitor to the login page and back. Apart from returnToPath (./returnTo.ts), which
// only the login page needs: the header and the guard use these, so they are in the main chunk.

/** The login page, remembering where to come back to. */
export function loginPath(returnTo: string, notice?: "signed_out"): string {
  const path = `/login?returnTo=${encodeURIComponent(returnTo)}`;
  return notice ? `${path}&notice=${notice}` : path;
}

/**
 * The page a loader was asked for, as a returnTo. The router strips the #fragment from the
 * request, but on a full page load (the usual way to arrive at a guarded page) the browser's
 * own URL is that same page and still has it.
 */
export function returnToFrom(request: Request): string {
  const url = new URL(request.url);
  const path = url.pathname + url.search;
  const here = window.location;
  const hash = url.hash || (here.pathname + here.search === path ? here.hash : "");
  return path + hash;
}
