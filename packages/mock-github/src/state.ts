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
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly tokens = new Map<string, TokenRecord>();
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

  issueToken(grant: Grant): string {
    const token = `gho_${randomBase62(36)}`;
    this.tokens.set(token, { ...grant, id: this.nextTokenId++, token, createdAt: this.now() });
    return token;
  }

  findToken(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  revokeToken(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Revoking a grant revokes every token the user gave that app. */
  revokeGrant(clientId: string, login: string): void {
    for (const [token, record] of this.tokens) {
      if (record.clientId === clientId && record.login === login) this.tokens.delete(token);
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
    this.windows.clear();
    this.faults.clear();
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
