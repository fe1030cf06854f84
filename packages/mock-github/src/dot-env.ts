import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Reads the repository's `.env` the way the gateway does (apps/gateway/src/config.ts), so
 * `npm run dev`, `npm run mock-github` and the gateway agree on MOCK_GITHUB_PORT and the
 * rest: the first `.env` from `from` upwards, stopping at the folder with `turbo.json`.
 * Variables already in the environment win, as `process.loadEnvFile` never overwrites.
 * Returns the file read, if any.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, from: string): string | undefined {
  if (env.NODE_ENV === "production") return undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, ".env");
    if (existsSync(file)) {
      process.loadEnvFile(file);
      return file;
    }
    if (existsSync(join(dir, "turbo.json")) || dirname(dir) === dir) return undefined;
  }
}
