// How the app's tabs tell each other that the session ended; apart from the watcher
// (./sessionWatch.ts, loaded after the first page) because sign-out needs it at once.
// Every tab of the app listens here: a session is the browser's (one cookie), so when it ends
// in one tab it has ended in all of them.
const CHANNEL = "latchkey-session";
/** The one message: the session ended in the tab that sends it. */
export const SIGNED_OUT = "signed-out";

// One channel per tab for sending and hearing: a BroadcastChannel never hears its own
// messages, so a tab that signs out is not told about it by itself.
let shared: BroadcastChannel | undefined;
export function tabChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === "undefined") return undefined;
  shared ??= new BroadcastChannel(CHANNEL);
  return shared;
}

/** Tells the app's other tabs that the session ended here. */
export function announceSignOut(): void {
  tabChannel()?.postMessage(SIGNED_OUT);
}
