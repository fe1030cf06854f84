/**
 * Debian's Chromium, never a downloaded one, and flags that keep it from reaching out to the
 * internet (closed here) and from needing a sandbox-capable user when run as root. Shared by
 * the end-to-end suite and the SPA benchmark.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
