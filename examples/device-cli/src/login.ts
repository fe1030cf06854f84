import {
  type DeviceAuthorization,
  fetchUser,
  github,
  type NormalizedUser,
  pollDeviceToken,
  startDeviceAuthorization,
} from "@latchkey/oauth-core";
import type { Config } from "./config.js";

export interface DeviceLoginOptions {
  /** Shows the person where to go and what to type. */
  prompt: (authorization: DeviceAuthorization) => void;
  /** Aborts the polling (Ctrl-C). */
  signal?: AbortSignal;
  /** For tests: replaces the wait between token requests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * The whole device flow: codes, the prompt, polling until the person decides, then who they
 * are. The token stays in here: this example only proves the sign-in worked.
 */
export async function deviceLogin(
  config: Config,
  options: DeviceLoginOptions,
): Promise<NormalizedUser> {
  // No client secret: a CLI is a public client and cannot keep one.
  const provider = github({
    clientId: config.clientId,
    url: config.githubUrl,
    ...(config.githubApiUrl && { apiUrl: config.githubApiUrl }),
  });
  const authorization = await startDeviceAuthorization(
    provider,
    config.scopes ? { scopes: config.scopes } : {},
  );
  options.prompt(authorization);
  const tokens = await pollDeviceToken(provider, authorization, {
    ...(options.signal && { signal: options.signal }),
    ...(options.sleep && { sleep: options.sleep }),
  });
  const { user } = await fetchUser(provider, tokens.accessToken, { scopes: tokens.scopes });
  return user;
}
