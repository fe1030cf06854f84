import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const README = join(REPO, "packages/oauth-core/README.md");
const TIMEOUT = 60_000;
const scratch = mkdtempSync(join(tmpdir(), "oauth-core-pack-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** `npm pack --json` prints an array with one entry per package packed. */
function packed(output: string): { filename: string; files: string[] } {
  const parsed: unknown = JSON.parse(output);
  const entry: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof entry !== "object" || entry === null) throw new Error("npm pack printed no entry");
  const { filename, files } = entry as Record<string, unknown>;
  if (typeof filename !== "string") throw new Error('"filename" must be a string');
  if (!Array.isArray(files)) throw new Error('"files" must be an array');
  return {
    filename,
    files: files.map((file: unknown) => {
      const path = (file as Record<string, unknown> | null)?.path;
      if (typeof path !== "string") throw new Error('"files[].path" must be a string');
      return path;
    }),
  };
}

describe("@latchkey/oauth-core as an outside project gets it", () => {
  it("when the README says how to install it, then it never sends readers to the registry by name", () => {
    const readme = readFileSync(README, "utf8");
    // Not published yet: a bare `npm install @latchkey/oauth-core` is a 404.
    expect(readme).not.toMatch(/npm (install|i|add)\b[^`\n]*@latchkey\/oauth-core(?![-\w])/);
    expect(readme).toContain("npm pack -w @latchkey/oauth-core");
    expect(readme).toMatch(/npm install [^`\n]*latchkey-oauth-core-[^`\n]*\.tgz/);
  });

  it(
    "when it is packed and the tarball installed in a new project, then the project imports it and signs in",
    () => {
      // dist/ is already built (turbo builds dependencies before tests); --ignore-scripts keeps
      // prepack from rebuilding it under the other tests of this run, which import it.
      const output = run(
        "npm",
        [
          "pack",
          "-w",
          "@latchkey/oauth-core",
          "--ignore-scripts",
          "--json",
          "--pack-destination",
          scratch,
        ],
        REPO,
      );
      const { filename, files } = packed(output);
      expect(filename).toMatch(/^latchkey-oauth-core-\d+\.\d+\.\d+(-[\w.]+)?\.tgz$/);
      expect(files).toEqual(
        expect.arrayContaining(["package.json", "README.md", "dist/index.js", "dist/index.d.ts"]),
      );
      expect(files.filter((path) => path.startsWith("test/"))).toEqual([]);

      // What `npm install ./latchkey-oauth-core-x.y.z.tgz` lays out, without the registry:
      // the tarball's package/ folder, and each of its dependencies next to it.
      const project = join(scratch, "project");
      const target = join(project, "node_modules", "@latchkey", "oauth-core");
      mkdirSync(target, { recursive: true });
      run("tar", ["-xzf", join(scratch, filename), "-C", target, "--strip-components=1"], scratch);
      const manifest = join(REPO, "packages/oauth-core/package.json");
      const oauthCore = createRequire(manifest);
      const { dependencies = {} } = JSON.parse(readFileSync(manifest, "utf8")) as {
        dependencies?: Record<string, string>;
      };
      expect(Object.keys(dependencies).sort()).toEqual(["jose", "oauth4webapi"]);
      for (const name of Object.keys(dependencies)) {
        const dependency = dirname(oauthCore.resolve(`${name}/package.json`));
        symlinkSync(dependency, join(project, "node_modules", name), "dir");
      }
      writeFileSync(join(project, "package.json"), '{ "private": true, "type": "module" }\n');
      writeFileSync(
        join(project, "check.js"),
        `import { createAuthorizationRequest, github } from "@latchkey/oauth-core";
const provider = github({ clientId: "id", clientSecret: "secret" });
const { url } = await createAuthorizationRequest(provider, { redirectUri: "http://localhost:3000/callback" });
console.log(url.origin + url.pathname, url.searchParams.get("code_challenge_method"));
`,
      );
      expect(run(process.execPath, ["check.js"], project).trim()).toBe(
        "https://github.com/login/oauth/authorize S256",
      );
    },
    TIMEOUT,
  );
});
