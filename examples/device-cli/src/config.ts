/** The only module that reads `process.env`; everything else receives a `Config`. */

export interface Config {
  /** OAuth pages: github.com, a GitHub Enterprise Server, or the mock. */
  githubUrl: string;
  /** Default: github.com's API for github.com, else `<githubUrl>/api/v3`. */
  githubApiUrl: string | undefined;
  clientId: string;
  /** Undefined: oauth-core's defaults for GitHub (read:user, user:email). */
  scopes: string[] | undefined;
}

/** The mock GitHub of `npm run mock-github`, so the example works with no setup at all. */
export const DEFAULT_GITHUB_URL = "http://localhost:4000";
export const DEFAULT_CLIENT_ID = "mock-client-id";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the environment, reporting every problem at once. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const githubUrl = readUrl(env, "GITHUB_URL", problems) ?? DEFAULT_GITHUB_URL;
  const githubApiUrl = readUrl(env, "GITHUB_API_URL", problems);
  const clientId = env.GITHUB_CLIENT_ID?.trim() || DEFAULT_CLIENT_ID;
  const rawScopes = env.GITHUB_SCOPES?.trim();
  // Spaces or commas; oauth-core checks each name.
  const scopes = rawScopes ? rawScopes.split(/[\s,]+/) : undefined;
  if (problems.length > 0) throw new ConfigError(problems.join("; "));
  return { githubUrl, githubApiUrl, clientId, scopes };
}

function readUrl(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  problems: string[],
): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

export function configFromEnvironment(): Config {
  return parseConfig(process.env);
}
