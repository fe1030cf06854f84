/**
 * A full navigation to a page outside the app (the sign-in provider's own sign-out page): the
 * router only moves between the app's own routes.
 */
export function leaveApp(url: string): void {
  window.location.assign(url);
}
