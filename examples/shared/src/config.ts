/** The only module that reads `process.env`; everything else receives a `Config`. */

export interface Config {
  port: number;
  /**
   * Where browsers reach this server (an origin, no path). The callback URL registered with
   * the GitHub app is `<publicUrl>/callback`, and an https one makes the cookies `Secure`.
   */
  publicUrl: URL;
  /** OAuth pages: github.com, a GitHub Enterprise Server, or the mock. */
  githubUrl: string;
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_GITHUB_URL = "https://github.com";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the environment and reports every problem at once, so a first run against a new
 * GitHub app fails with one message that names all that is missing rather than one at a time.
 * Tests pass their own `env`; the servers read the real one.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = readPort(env, problems);
  const publicUrl = readOrigin(env, "PUBLIC_URL", problems) ?? new URL(`http://localhost:${port}`);
  const githubUrl = readUrl(env, "GITHUB_URL", problems)?.href.replace(/\/+$/, "");
  const clientId = readRequired(env, "GITHUB_CLIENT_ID", problems);
  const clientSecret = readRequired(env, "GITHUB_CLIENT_SECRET", problems);
  if (problems.length > 0) throw new ConfigError(problems.join("; "));
  return {
    port,
    publicUrl,
    githubUrl: githubUrl ?? DEFAULT_GITHUB_URL,
    clientId: clientId ?? "",
    clientSecret: clientSecret ?? "",
  };
}

/**
 * For a server's entry point: the config, or exit 1 with one line naming every problem. It
 * runs before listening, because a server without its GitHub app would otherwise start and
 * then fail at every sign-in.
 */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration: ${error.message}`);
    process.exit(1);
  }
}

function readRequired(env: Env, name: string, problems: string[]): string | undefined {
  const value = env[name]?.trim();
  if (!value) problems.push(`${name} is not set`);
  return value;
}

function readPort(env: Env, problems: string[]): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    problems.push(`PORT must be a port number (1-65535), got ${JSON.stringify(raw)}`);
    return DEFAULT_PORT;
  }
  return port;
}

function readUrl(env: Env, name: string, problems: string[]): URL | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return url;
}

/** The routes live at the root, so a path here would give a callback URL nobody serves. */
function readOrigin(env: Env, name: string, problems: string[]): URL | undefined {
  const url = readUrl(env, name, problems);
  if (url && (url.pathname !== "/" || url.search || url.hash)) {
    problems.push(`${name} must be an origin without a path, like https://example.com`);
    return undefined;
  }
  return url;
}
