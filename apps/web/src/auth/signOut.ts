import { replace } from "react-router";
import { logout } from "../api";
import { leaveApp } from "./leaveApp";
import { forgetSession } from "./session";
import { announceSignOut } from "./tabChannel";

/**
 * The `/logout` route's action. Being an action, every loader revalidates afterwards, so the
 * header forgets the user too; replace() keeps the signed-in page out of Back.
 */
export async function signOutAction(): Promise<Response> {
  const endSessionUrl = await signOutBy(logout);
  // The provider's session ends on its own page, which sends the browser back to /login. This
  // tab goes to /login meanwhile too, so Back from the provider's page lands there, signed out.
  if (endSessionUrl !== null) leaveApp(endSessionUrl);
  return replace("/login");
}

/**
 * Runs `end`, a request that ends this browser's session at the gateway, and then forgets the
 * session here, whatever the answer: it may well have ended. Only once it surely has are the
 * app's other tabs told, for their session is this one and they go to the login page too.
 */
export async function signOutBy<T>(end: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await end();
  } finally {
    forgetSession();
  }
  announceSignOut();
  return result;
}
