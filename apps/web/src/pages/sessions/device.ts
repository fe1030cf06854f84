import type { SessionSummary } from "../../api";

/** "Firefox 133 on Windows"; the gateway could not always tell either. */
export function deviceName({ browser, system }: SessionSummary): string {
  const name = browser ?? "Unknown browser";
  return system === null ? name : `${name} on ${system}`;
}
