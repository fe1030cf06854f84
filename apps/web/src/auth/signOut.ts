import { replace } from "react-router";
import { logout } from "../api";
import { forgetSession } from "./session";
import { announceSignOut } from "./tabChannel";

/**
 * The `/logout` route's action. Being an action, every loader revalidates afterwards, so the
 * header forgets the user too; replace() keeps the signed-in page out of Back.
 */
export async function signOutAction(): Promise<Response> {
  try {
    await logout();
  } finally {
    forgetSession();
  }
  // The other tabs' session is this one: they go to the login page too.
  announceSignOut();
  return replace("/login");
}
