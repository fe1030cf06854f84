import { type GitHubOptions, github } from "../../src/index.js";

export const CLIENT_ID = "Iv1.test-client-id";
export const CLIENT_SECRET = "test-client-secret-0123456789";
export const REDIRECT_URI = "https://app.example.com/auth/github/callback";
export const TOKEN_URL = "https://github.com/login/oauth/access_token";
export const API_URL = "https://api.github.com";

export function testGitHub(options: Partial<GitHubOptions> = {}) {
  return github({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
}
