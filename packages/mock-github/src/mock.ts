import type { HttpHandler } from "msw";
import { createContext, findAccount, type MockGitHubOptions } from "./context.js";
import { decideDeviceOrThrow } from "./device/decide.js";
import type { MockFaults } from "./faults/types.js";
import { googleApiUrl } from "./google-api/drive.js";
import { createHandlers } from "./handlers.js";
import { parseScopes } from "./oauth/scopes.js";
import type { RecordedRequest } from "./types.js";

export interface MockGitHub {
  /** msw request handlers; give them to setupServer/setupWorker, or serve them over HTTP. */
  readonly handlers: HttpHandler[];
  /** Every request the mock answered, oldest first; emptied by reset(). */
  readonly requests: RecordedRequest[];
  /** The base URL without a trailing slash; the REST API is at `${baseUrl}/api/v3`. */
  readonly baseUrl: string;
  /** The OpenID Connect provider's issuer, `${baseUrl}/oidc`. */
  readonly oidcIssuer: string;
  /**
   * Google APIs as the mock serves them for its OpenID provider's tokens, `${baseUrl}/googleapis`
   * (Drive's `GET /drive/v3/files`): the dev gateway's `GOOGLE_API_URL`.
   */
  readonly googleApiUrl: string;
  /** A working token for `login`, as if it had gone through the OAuth flow of the first client. */
  issueToken(login: string, scopes?: readonly string[]): string;
  /** Makes GitHub misbehave (slow, 5xx, reset, HTML, missing fields, bad JSON) per endpoint. */
  readonly faults: MockFaults;
  /**
   * The person's "Continue as <login>" for a device flow user code ("WDJB-MJHT"), without the
   * page. Throws for an unknown, expired or decided code, or an unknown login.
   */
  approveDevice(userCode: string, login: string): void;
  /** The person's "Cancel": the device's next token request gets `access_denied`. */
  denyDevice(userCode: string): void;
  /** Forgets codes, tokens (OpenID Connect ones too), rate-limit counts, recorded requests and faults. */
  reset(): void;
}

const DEFAULT_SCOPES = ["read:user", "user:email"];

export function createMockGitHub(options: MockGitHubOptions): MockGitHub {
  const context = createContext(options);
  const [firstClient] = context.clients.values();
  return {
    handlers: createHandlers(context),
    requests: context.state.requests,
    baseUrl: context.baseUrl,
    oidcIssuer: context.oidc.issuer,
    googleApiUrl: googleApiUrl(context),
    faults: context.state.faults,
    issueToken(login, scopes = DEFAULT_SCOPES) {
      const account = findAccount(context, login);
      if (!account) throw new Error(`No seeded account "${login}"`);
      if (!firstClient) throw new Error("The mock has no OAuth client to issue a token for");
      return context.state.issueToken({
        clientId: firstClient.clientId,
        login: account.login,
        scopes: parseScopes(scopes.join(" ")),
      });
    },
    approveDevice(userCode, login) {
      decideDeviceOrThrow(context, userCode, { login });
    },
    denyDevice(userCode) {
      decideDeviceOrThrow(context, userCode, "denied");
    },
    reset() {
      context.state.reset();
      context.oidc.store.reset();
    },
  };
}
