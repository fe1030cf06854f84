import type { NormalizedUser } from "@latchkey/oauth-core";
import type { StoredToken } from "../../src/session/store-contract.js";

/** A user as the stores keep it. */
export const USER: NormalizedUser = {
  provider: "github",
  id: "583231",
  login: "octocat",
  name: "The Octocat",
  email: "octocat@github.example",
  avatarUrl: "https://avatars.example/u/583231",
  profileUrl: "https://github.example/octocat",
};

/** A token set whose values a test can look for in what a store wrote. */
export const TOKEN: StoredToken = {
  accessToken: "ghu_accessTokenThatMustNeverBeReadable",
  tokenType: "bearer",
  scopes: ["read:user"],
  expiresAt: Date.now() + 8 * 3600_000,
  refreshToken: "ghr_refreshTokenThatMustNeverBeReadable",
  refreshTokenExpiresAt: Date.now() + 180 * 24 * 3600_000,
};
