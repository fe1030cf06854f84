import {
  ArgumentError,
  DeviceFlowError,
  NetworkError,
  OAuthError,
  ProviderError,
} from "@latchkey/oauth-core";
import { type Config, ConfigError, DEFAULT_GITHUB_URL } from "./config.js";

/** One line a person can act on, for each way the sign-in can fail. */
export function describeFailure(error: unknown, config: Config | undefined): string {
  if (error instanceof ConfigError) return `Configuration: ${error.message}`;
  if (error instanceof DeviceFlowError) {
    return error.error === "access_denied"
      ? "Sign-in cancelled: access was denied in the browser."
      : "The code expired before it was entered. Run the command again for a new one.";
  }
  if (error instanceof ProviderError && error.error === "device_flow_disabled") {
    return 'This OAuth App does not allow the device flow: tick "Enable Device Flow" in its settings on GitHub.';
  }
  if (error instanceof ProviderError && error.error === "incorrect_client_credentials") {
    return `GitHub does not know the client id ${JSON.stringify(config?.clientId)}: check GITHUB_CLIENT_ID.`;
  }
  if (error instanceof NetworkError && config?.githubUrl === DEFAULT_GITHUB_URL) {
    return `Sign-in failed: ${error.message}. Is the mock GitHub running? Start it with \`npm run mock-github\`.`;
  }
  // Bad arguments to oauth-core, such as an invalid scope name, come from the configuration.
  if (error instanceof ArgumentError) return `Configuration: ${error.message}`;
  if (error instanceof OAuthError) return `Sign-in failed: ${error.message}`;
  return `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
}
