// oidc-provider ships no types and @types/oidc-provider is not a dependency: only the surface
// the test provider uses, as read from its lib/ (provider.js, helpers/defaults.js, models/).
declare module "oidc-provider" {
  import type { JsonWebKey } from "node:crypto";
  import type { IncomingMessage, ServerResponse } from "node:http";

  /** What an adapter stores for one model instance (a token, a grant, a session, a client). */
  export type AdapterPayload = Record<string, unknown>;

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    claims?: Record<string, string[]>;
    features?: Record<string, { enabled: boolean }>;
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>;
    issueRefreshToken?: () => Promise<boolean>;
    pkce?: { required: () => boolean };
    rotateRefreshToken?: boolean;
    jwks?: { keys: JsonWebKey[] };
    ttl?: Record<string, number>;
    fetch?: (url: string, init: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
  }

  /** A token, code, grant or session as the provider reads it back (expiry and format checked). */
  export interface Model {
    readonly jti: string;
    readonly kind: string;
    readonly grantId?: string;
    readonly accountId?: string;
    readonly clientId?: string;
    readonly consumed?: number;
    readonly isValid: boolean;
  }

  export interface ModelClass {
    find(id: string): Promise<Model | undefined>;
  }

  export type Middleware = (ctx: unknown, next: () => Promise<void>) => Promise<void>;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly AccessToken: ModelClass;
    readonly AuthorizationCode: ModelClass;
    readonly RefreshToken: ModelClass;
    readonly Grant: ModelClass;
    readonly Session: ModelClass;
    readonly Client: { validate(metadata: AdapterPayload): Promise<void> };
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
