import { findAccount, type MockContext } from "../context.js";
import type { DeviceDecision } from "./store.js";

export type DecideResult = "ok" | "unknown_code" | "unknown_login";

/** The person's answer for a user code, from the page, the admin route or `approveDevice`. */
export function decideDevice(
  context: MockContext,
  userCode: string,
  choice: DeviceDecision,
): DecideResult {
  const { devices } = context.state;
  if (!devices.pending(userCode)) return "unknown_code";
  let decision: DeviceDecision = "denied";
  if (choice !== "denied") {
    const account = findAccount(context, choice.login);
    if (!account) return "unknown_login";
    decision = { login: account.login };
  }
  devices.decide(userCode, decision);
  return "ok";
}

/** `decideDevice` for code: a mistake in a test is an Error, as `issueToken`'s are. */
export function decideDeviceOrThrow(
  context: MockContext,
  userCode: string,
  choice: DeviceDecision,
): void {
  const result = decideDevice(context, userCode, choice);
  if (result === "unknown_code") {
    throw new Error(`No pending device authorization has the user code "${userCode}"`);
  }
  if (result === "unknown_login" && choice !== "denied") {
    throw new Error(`No seeded account "${choice.login}"`);
  }
}
