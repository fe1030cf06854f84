import { type GitHubOptions, github } from "../../src/index.js";

export const CLIENT_ID = "Iv1.test-client-id";
export const CLIENT_SECRET = "test-client-secret-0123456789";
export const REDIRECT_URI = "https://app.example.com/auth/github/callback";
export const TOKEN_URL = "https://github.com/login/oauth/access_token";
export const API_URL = "https://api.github.com";

export function testGitHub(options: Partial<GitHubOptions> = {}) {
  return github({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
}

/**
 * What of the User-Agent this package sets for GitHub's API a script may send here: all of it
 * in Node, nothing in Chromium, which drops it from a script's request and sends its own.
 */
export const SCRIPT_USER_AGENT = new Request(API_URL, {
  headers: { "User-Agent": "latchkey" },
}).headers.get("user-agent");
