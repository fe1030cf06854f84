import { randomHex } from "../random.js";
import type { Grant } from "../state.js";

/** GitHub's device and user codes live fifteen minutes. */
export const DEVICE_CODE_LIFETIME_SECONDS = 900;
/** GitHub (and RFC 8628 §3.5): each slow_down adds five seconds to the interval, for good. */
const SLOW_DOWN_SECONDS = 5;
/** RFC 8628 §6.1: consonants only, so no code spells a word and none looks like 0 or 1. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

export type DeviceDecision = { login: string } | "denied";

export interface DeviceAuthorization {
  deviceCode: string;
  /** "WDJB-MJHT": eight characters with a hyphen in the middle, as GitHub's. */
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** Seconds the client must leave between token requests; grows with each slow_down. */
  interval: number;
  lastPolledAt: number | undefined;
  decision: DeviceDecision | undefined;
}

export type PollOutcome =
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "slow_down"; interval: number }
  | { kind: "pending" }
  | { kind: "denied" }
  | { kind: "approved"; grant: Grant };

/** A user code as a person may type it: any case, with or without the hyphen, spaces around. */
export function normalizeUserCode(input: string): string {
  const bare = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

/** Device authorizations of one mock, by device code and by user code. */
export class DeviceStore {
  private readonly byDeviceCode = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();

  constructor(private readonly now: () => number) {}

  create(clientId: string, scopes: string[], interval: number): DeviceAuthorization {
    let userCode: string;
    do {
      // 2^32 is not a multiple of 20, but a bias of 16 in 2^32 does not matter in a mock.
      const picks = crypto.getRandomValues(new Uint32Array(8));
      const chars = Array.from(picks, (n) => USER_CODE_ALPHABET[n % USER_CODE_ALPHABET.length]);
      userCode = normalizeUserCode(chars.join(""));
    } while (this.byUserCode.has(userCode));
    const authorization: DeviceAuthorization = {
      // GitHub's device codes are 40 hex characters.
      deviceCode: randomHex(20),
      userCode,
      clientId,
      scopes,
      expiresAt: this.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000,
      interval,
      lastPolledAt: undefined,
      decision: undefined,
    };
    this.byDeviceCode.set(authorization.deviceCode, authorization);
    this.byUserCode.set(userCode, authorization);
    return authorization;
  }

  /** The authorization a person can still decide on, by the code they typed. */
  pending(userCode: string): DeviceAuthorization | undefined {
    const found = this.byUserCode.get(normalizeUserCode(userCode));
    return found && found.decision === undefined && this.now() < found.expiresAt
      ? found
      : undefined;
  }

  /** Records the person's answer; false when the code is unknown, expired or already decided. */
  decide(userCode: string, decision: DeviceDecision): boolean {
    const found = this.pending(userCode);
    if (found) found.decision = decision;
    return found !== undefined;
  }

  /**
   * One token request, judged as GitHub does: the pace first (every request counts), then
   * the person's answer. Approved codes are spent by the request that gets the token.
   */
  poll(deviceCode: string, clientId: string): PollOutcome {
    const found = this.byDeviceCode.get(deviceCode);
    if (!found || found.clientId !== clientId) return { kind: "unknown" };
    const now = this.now();
    if (now >= found.expiresAt) return { kind: "expired" };
    const tooSoon =
      found.lastPolledAt !== undefined && now - found.lastPolledAt < found.interval * 1000;
    found.lastPolledAt = now;
    if (tooSoon) {
      found.interval += SLOW_DOWN_SECONDS;
      return { kind: "slow_down", interval: found.interval };
    }
    if (found.decision === undefined) return { kind: "pending" };
    if (found.decision === "denied") return { kind: "denied" };
    this.byDeviceCode.delete(deviceCode);
    this.byUserCode.delete(found.userCode);
    return {
      kind: "approved",
      grant: { clientId, login: found.decision.login, scopes: found.scopes },
    };
  }

  clear(): void {
    this.byDeviceCode.clear();
    this.byUserCode.clear();
  }
}
