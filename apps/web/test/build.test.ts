import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appRoot = fileURLToPath(new URL("..", import.meta.url));
let outDir: string;
let files: string[];

// The production build is the folder the gateway serves as it is: what is in it is public.
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "latchkey-web-build-"));
  await build({
    root: appRoot,
    configFile: join(appRoot, "vite.config.ts"),
    logLevel: "silent",
    build: { outDir, emptyOutDir: true },
  });
  files = await readdir(outDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("the production build", () => {
  it("when built, then it holds no source maps", () => {
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
  });

  it("when built, then no script points at a source map", async () => {
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      const code = await readFile(join(outDir, file), "utf8");
      expect(code, file).not.toMatch(/sourceMappingURL/);
    }
  });

  it("when built, then react-router's developer warnings are left out but its error logging stays", async () => {
    const scripts = files.filter((name) => name.endsWith(".js"));
    const code = (await Promise.all(scripts.map((f) => readFile(join(outDir, f), "utf8")))).join();
    expect(code).toContain("React Router caught the following error during render");
    expect(code).not.toContain("A router only supports one blocker at a time");
    expect(code).not.toContain("is not a supported lazy route property");
  });
});
