import type { ApiOption } from "./apis.js";
import type { NormalizedUser } from "./user.js";

/** `GET /api/me`: who is signed in, with which provider, until when. Never a token. */
export interface Me {
  user: NormalizedUser;
  /** The provider the session was started with, by id (`"google"`). */
  provider: string;
  /** The same provider as people know it (`"Google"`), for texts like "Your Google token…". */
  providerName: string;
  /** When the session ends, as an ISO 8601 timestamp. */
  expiresAt: string;
  /**
   * The APIs this session can call through the gateway: its provider's, when it has one, and
   * the team's upstreams, which take OpenID Connect sessions. Show only the pages they allow.
   */
  apis: ApiOption[];
}
