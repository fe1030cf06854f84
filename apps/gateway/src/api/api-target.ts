import type { SessionData } from "../session/session.js";

/**
 * One REST API the gateway calls for the signed-in person: a provider's own (GitHub's, Google
 * APIs…) or one of the team's upstreams. Everything the proxy does differently per API is here.
 */
export interface ApiTarget {
  /** The id in metrics and logs (`github`, `orders`): a bounded, configured value. */
  id: string;
  /** How messages name it: `GitHub`, `Google`, `orders`. */
  label: string;
  /** The API's base URL, without a trailing slash. */
  baseUrl: string;
  /** `Authorization: <scheme> <token>`. */
  scheme: "Bearer" | "OAuth";
  /** Headers every call needs besides the token (Twitch's `client-id`). */
  headers: Readonly<Record<string, string>>;
  /** The API's own request headers a client may send (lower-case), besides the standard ones. */
  requestHeaders: readonly string[];
  /** Whether the API answers with ETags, so GETs are revalidated per user. */
  etags: boolean;
  /** Why this session may not call the API, or undefined when it may. */
  refusal(session: SessionData): string | undefined;
  /**
   * Whether the API's 401 ends the session: true where the API belongs to the provider that
   * issued the token, whose 401 says the token is dead everywhere.
   */
  endsSessionOn401: boolean;
}
