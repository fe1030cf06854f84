/**
 * Which of GitHub's endpoints a fault hits; `api` is every REST route the others do not name.
 * The `oidc-` ones are the OpenID Connect provider's.
 */
export const FAULT_TARGETS = [
  "authorize",
  "token",
  "user",
  "emails",
  "revoke",
  "api",
  "oidc-token",
  "oidc-userinfo",
  "oidc-revoke",
] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const FAULT_KINDS = [
  "slow",
  "status",
  "reset",
  "html",
  "missing-fields",
  "bad-json",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Targets whose normal answer has key fields to leave out; the others have none. */
export const MISSING_FIELDS_TARGETS: readonly FaultTarget[] = [
  "token",
  "user",
  "emails",
  "api",
  "oidc-token",
  "oidc-userinfo",
];

export const MAX_DELAY_MS = 120_000;

/**
 * How GitHub misbehaves on the next matching requests. `times` limits it to the next N of
 * them, after which it switches itself off; without it, it lasts until cleared.
 */
export type Fault = { times?: number } & (
  | { kind: "slow"; delayMs: number; then?: "ok" }
  | { kind: "status"; status: number; body?: string }
  | { kind: "reset" }
  | { kind: "html" }
  | { kind: "missing-fields" }
  | { kind: "bad-json" }
);

export interface ActiveFault {
  target: FaultTarget;
  /** As set, with `times` counting down the requests it has left. */
  fault: Fault;
}

/** The switches, on `createMockGitHub().faults`; `reset()` clears them too. */
export interface MockFaults {
  /** Replaces any fault already set on `target`; throws a TypeError naming a bad field. */
  set(target: FaultTarget, fault: Fault): void;
  /** Clears one target's fault, or every fault. */
  clear(target?: FaultTarget): void;
  list(): ActiveFault[];
}
