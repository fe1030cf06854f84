import { randomBase62 } from "../random.js";
import { CODE_LIFETIME_MS } from "../state.js";

/** One user's consent to one client: every token from one code shares it, refreshed ones too. */
export interface OidcGrant {
  readonly id: number;
  readonly clientId: string;
  readonly login: string;
  readonly scopes: readonly string[];
  /** When the user chose the account, in epoch seconds: the id_token's `auth_time`. */
  readonly authTime: number;
}

export interface OidcCode {
  readonly grant: OidcGrant;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly nonce: string | undefined;
  readonly createdAt: number;
  redeemed: boolean;
}

export interface OidcAccessToken {
  readonly grant: OidcGrant;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
}

/** The OpenID Connect provider's codes and tokens; in memory, one set per mock. */
export class OidcStore {
  private readonly codes = new Map<string, OidcCode>();
  private readonly accessTokens = new Map<string, OidcAccessToken>();
  private readonly refreshTokens = new Map<string, OidcGrant>();
  /** Refresh tokens already traded in, kept to recognize a replay. */
  private readonly spentRefreshTokens = new Map<string, OidcGrant>();
  private nextGrantId = 1;

  constructor(private readonly now: () => number) {}

  createCode(
    input: Omit<OidcGrant, "id" | "authTime"> & Omit<OidcCode, "grant" | "createdAt" | "redeemed">,
  ): string {
    const now = this.now();
    // Expired codes are of no more use, not even to spot a replay.
    for (const [code, found] of this.codes) {
      if (now - found.createdAt >= CODE_LIFETIME_MS) this.codes.delete(code);
    }
    const { clientId, login, scopes, ...rest } = input;
    const grant = {
      id: this.nextGrantId++,
      clientId,
      login,
      scopes,
      authTime: Math.floor(now / 1000),
    };
    const code = randomBase62(32);
    this.codes.set(code, { grant, ...rest, createdAt: now, redeemed: false });
    return code;
  }

  /**
   * The code, the first time its own client presents it within ten minutes; it is spent by
   * that attempt whatever happens next. A second use revokes every token the first one got
   * (RFC 6749 §4.1.2): someone else may have the code.
   */
  redeemCode(code: string, clientId: string): OidcCode | undefined {
    const found = this.codes.get(code);
    if (!found || found.grant.clientId !== clientId) return undefined;
    if (found.redeemed) {
      this.revokeGrant(found.grant.id);
      return undefined;
    }
    found.redeemed = true;
    return this.now() - found.createdAt < CODE_LIFETIME_MS ? found : undefined;
  }

  issueTokens(grant: OidcGrant, lifetimeSeconds: number): IssuedTokens {
    const accessToken = `mat_${randomBase62(40)}`;
    const refreshToken = `mrt_${randomBase62(60)}`;
    this.accessTokens.set(accessToken, { grant, expiresAt: this.now() + lifetimeSeconds * 1000 });
    this.refreshTokens.set(refreshToken, grant);
    return { accessToken, refreshToken };
  }

  findAccessToken(token: string): OidcAccessToken | undefined {
    const found = this.accessTokens.get(token);
    return found && this.now() < found.expiresAt ? found : undefined;
  }

  /**
   * Trades a refresh token in: it works once (rotation). Presenting a spent one again revokes
   * the whole grant, as RFC 9700 §4.14.2 advises: either the client or a thief is replaying it.
   */
  spendRefreshToken(token: string, clientId: string): OidcGrant | undefined {
    const spent = this.spentRefreshTokens.get(token);
    if (spent) {
      if (spent.clientId === clientId) this.revokeGrant(spent.id);
      return undefined;
    }
    const grant = this.refreshGrant(token, clientId);
    if (!grant) return undefined;
    this.refreshTokens.delete(token);
    this.spentRefreshTokens.set(token, grant);
    return grant;
  }

  /** The grant a live refresh token of `clientId` belongs to, without spending it. */
  refreshGrant(token: string, clientId: string): OidcGrant | undefined {
    const grant = this.refreshTokens.get(token);
    return grant?.clientId === clientId ? grant : undefined;
  }

  /**
   * RFC 7009: an access token is revoked alone; a refresh token takes its grant's access
   * tokens with it (§2.1). Unknown tokens, and other clients' tokens, are left as they are.
   */
  revoke(token: string, clientId: string): void {
    const grant = this.accessTokens.get(token)?.grant ?? this.refreshTokens.get(token);
    if (grant?.clientId !== clientId) return;
    if (!this.accessTokens.delete(token)) this.revokeGrant(grant.id);
  }

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.spentRefreshTokens.clear();
  }

  private revokeGrant(id: number): void {
    for (const tokens of [this.accessTokens, this.refreshTokens, this.spentRefreshTokens]) {
      for (const [token, value] of tokens) {
        if (("grant" in value ? value.grant : value).id === id) tokens.delete(token);
      }
    }
  }
}
