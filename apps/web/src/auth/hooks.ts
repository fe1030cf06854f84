import { useRouteLoaderData } from "react-router";
import type { Me } from "../api";
import { PROTECTED_ROUTE_ID, ROOT_ROUTE_ID } from "../routeIds";
import type { requireUser, sessionLoader } from "./loaders";
import type { ServerProblem } from "./serverProblem";

/** The signed-in user, for pages under the protected layout. */
export function useSession(): Me {
  const me = useRouteLoaderData<typeof requireUser>(PROTECTED_ROUTE_ID);
  if (!me) throw new Error("useSession() is only available under the protected layout");
  return me;
}

/** The user if someone is signed in, for pages that work either way. */
export function useOptionalSession(): Me | null {
  return useRouteLoaderData<typeof sessionLoader>(ROOT_ROUTE_ID)?.me ?? null;
}

/** Why nobody could be asked who is signed in (the gateway is starting or failing), if so. */
export function useServerProblem(): ServerProblem | null {
  return useRouteLoaderData<typeof sessionLoader>(ROOT_ROUTE_ID)?.problem ?? null;
}
