/**
 * Another tab of the app, listening on the tab channel: resolves with the first message it
 * hears, then stops listening.
 */
export function listenAsAnotherTab(): Promise<unknown> {
  const otherTab = new BroadcastChannel("latchkey-session");
  return new Promise<unknown>((resolve) => {
    otherTab.addEventListener("message", (event) => resolve(event.data), { once: true });
  }).finally(() => otherTab.close());
}
