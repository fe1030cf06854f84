import { getMe, type Me } from "../api";
import { ROOT_ROUTE_ID } from "../routeIds";
import { loginPath } from "./loginPath";
import { forgetSession } from "./session";
import { announceSignOut, SIGNED_OUT, tabChannel } from "./tabChannel";

/** How often an open, visible tab asks whether its session still stands. */
export const CHECK_EVERY_MS = 60_000;

/** What the watcher needs of the router: where it is, who the root loader found, a way on. */
export interface WatchedRouter {
  readonly state: {
    readonly location: { pathname: string; search: string; hash: string };
    readonly loaderData: Readonly<Record<string, unknown>>;
  };
  navigate(to: string, options: { replace: boolean }): Promise<void>;
}

/**
 * Notices a session that ended while the page sat open (idle timeout, sign-out in another tab
 * or elsewhere) and says so on the login page, instead of letting the next click fail. The
 * checks ask without counting as activity (`/api/me?slide=false`), so an open tab never keeps
 * an unattended session alive. Returns a function that stops watching.
 */
export function watchSession(router: WatchedRouter, { every = CHECK_EVERY_MS } = {}): () => void {
  const signedIn = () => {
    const root = router.state.loaderData[ROOT_ROUTE_ID] as { me?: Me | null } | undefined;
    return Boolean(root?.me);
  };
  const ended = () => {
    forgetSession();
    const { pathname, search, hash } = router.state.location;
    if (!signedIn() || pathname === "/login") return;
    void router.navigate(loginPath(pathname + search + hash, "signed_out"), { replace: true });
  };
  const check = async () => {
    if (!signedIn() || document.visibilityState === "hidden") return;
    let me: Me | null;
    try {
      me = await getMe({ slide: false });
    } catch {
      // The gateway could not answer: that says nothing about the session.
      return;
    }
    if (me !== null) return;
    announceSignOut();
    ended();
  };

  const timer = setInterval(() => void check(), every);
  // A tab brought back to the front asks at once rather than at its next tick.
  const onVisible = () => {
    if (document.visibilityState === "visible") void check();
  };
  document.addEventListener("visibilitychange", onVisible);
  const onMessage = (event: MessageEvent) => {
    if (event.data === SIGNED_OUT) ended();
  };
  const channel = tabChannel();
  channel?.addEventListener("message", onMessage);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
    channel?.removeEventListener("message", onMessage);
  };
}
