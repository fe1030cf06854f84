/**
 * An API the gateway calls for the signed-in person, with their token attached server-side:
 * their sign-in provider's own API (GitHub's REST API, Google APIs…) or one of the team's own
 * APIs configured as an upstream.
 */
export interface ApiOption {
  /** The provider id (`"github"`) or the upstream's configured name (`"orders"`). */
  name: string;
  /** Where to call it: a same-origin path prefix, e.g. `/api/github` for `/api/github/user`. */
  path: string;
  /** `"provider"`: the sign-in provider's API; `"upstream"`: one of the team's own APIs. */
  kind: "provider" | "upstream";
}
