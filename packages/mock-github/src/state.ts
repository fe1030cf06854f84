import { DeviceStore } from "./device/store.js";
import { FaultRegistry } from "./faults/registry.js";
import { randomBase62, randomHex } from "./random.js";
import type { RecordedRequest } from "./types.js";

/** GitHub's authorization codes live ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
const RATE_WINDOW_SECONDS = 3600;

export interface Grant {
  clientId: string;
  login: string;
  scopes: string[];
}

export interface AuthorizationCode extends Grant {
  redirectUri: string;
  codeChallenge: string | undefined;
  createdAt: number;
}

export interface TokenRecord extends Grant {
  id: number;
  token: string;
  createdAt: number;
  /** Epoch ms; absent for an OAuth app's tokens, which never expire. */
  expiresAt?: number;
}

export interface RateLimitStatus {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window resets, as in `x-ratelimit-reset`. */
  reset: number;
}

/** Everything that changes while the mock runs; one per mock instance, in memory only. */
export class MockState {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultRegistry();
  /** Device flow authorizations (RFC 8628); read through the clock, which is set below. */
  readonly devices = new DeviceStore(() => this.now());
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly refreshTokens = new Map<string, Grant & { expiresAt: number }>();
  private readonly windows = new Map<string, { used: number; reset: number }>();
  private nextTokenId = 1;

  constructor(readonly now: () => number) {}

  createCode(grant: Omit<AuthorizationCode, "createdAt">): string {
    // GitHub's codes are 20 hex characters.
    const code = randomHex(10);
    this.codes.set(code, { ...grant, createdAt: this.now() });
    return code;
  }

  /**
   * Removes the code whatever happens next: a code can be redeemed once, even if that
   * attempt fails. Only its own app can burn it, so no other app can deny a user a login.
   */
  takeCode(code: string, clientId: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    if (!found || found.clientId !== clientId) return undefined;
    this.codes.delete(code);
    return this.now() - found.createdAt < CODE_LIFETIME_MS ? found : undefined;
  }

  /** An OAuth app's `gho_` token, or with `expiresAt` (epoch ms) a GitHub App's `ghu_` one. */
  issueToken(grant: Grant, expiresAt?: number): string {
    const token = `${expiresAt === undefined ? "gho" : "ghu"}_${randomBase62(36)}`;
    const record = { ...grant, id: this.nextTokenId++, token, createdAt: this.now() };
    this.tokens.set(token, expiresAt === undefined ? record : { ...record, expiresAt });
    return token;
  }

  /** The token's record, unless it is unknown, revoked or expired. */
  findToken(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (record?.expiresAt !== undefined && this.now() >= record.expiresAt) return undefined;
    return record;
  }

  issueRefreshToken(grant: Grant, expiresAt: number): string {
    const token = `ghr_${randomBase62(76)}`;
    this.refreshTokens.set(token, { ...grant, expiresAt });
    return token;
  }

  /**
   * A refresh token works once: it is spent by the first attempt of its own app. The access
   * token issued with it keeps working until it expires, as on GitHub.
   */
  takeRefreshToken(token: string, clientId: string): Grant | undefined {
    const found = this.refreshTokens.get(token);
    if (!found || found.clientId !== clientId) return undefined;
    this.refreshTokens.delete(token);
    const { expiresAt, ...grant } = found;
    return this.now() < expiresAt ? grant : undefined;
  }

  revokeToken(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Revoking a grant revokes every token the user gave that app, refresh tokens too. */
  revokeGrant(clientId: string, login: string): void {
    for (const tokens of [this.tokens, this.refreshTokens]) {
      for (const [token, record] of tokens) {
        if (record.clientId === clientId && record.login === login) tokens.delete(token);
      }
    }
  }

  rateLimit(key: string, limit: number): RateLimitStatus {
    const window = this.window(key);
    return {
      limit,
      used: window.used,
      remaining: Math.max(0, limit - window.used),
      reset: window.reset,
    };
  }

  consumeRateLimit(key: string): void {
    this.window(key).used += 1;
  }

  reset(): void {
    this.requests.length = 0;
    this.codes.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
    this.windows.clear();
    this.faults.clear();
    this.devices.clear();
  }

  private window(key: string): { used: number; reset: number } {
    const nowSeconds = Math.floor(this.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.reset <= nowSeconds) {
      window = { used: 0, reset: nowSeconds + RATE_WINDOW_SECONDS };
      this.windows.set(key, window);
    }
    return window;
  }
}
