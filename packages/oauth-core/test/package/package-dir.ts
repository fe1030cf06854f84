import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Finds a dev dependency's binary the way npm scripts do: in the nearest node_modules/.bin. */
export function localBin(name: string): string {
  for (let dir = PACKAGE_DIR; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ".bin", name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`${name} is not in any node_modules/.bin above ${PACKAGE_DIR}; run npm ci`);
  }
}

/** Runs a command in the package directory; a non-zero exit is a result, not an exception. */
export function run(file: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: PACKAGE_DIR, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}

export async function buildPackage(): Promise<void> {
  const { code, stdout, stderr } = await run(localBin("tsc"), ["-p", "tsconfig.build.json"]);
  if (code !== 0) throw new Error(`the package does not build:\n${stdout}${stderr}`);
}
