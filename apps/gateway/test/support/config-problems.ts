import { ConfigError, loadConfig } from "../../src/config.js";

/** A secret that passes the production strength check. */
export const STRONG_SECRET = "Zq8vN2rT5yK1mW7pL4xC9bH3jF6dS0gA";

/** Every problem `loadConfig` reports for `env`; fails when the configuration is accepted. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}
