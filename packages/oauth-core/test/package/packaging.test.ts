import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { beforeAll, describe, expect, it } from "vitest";
import { checkTypes } from "./attw.js";
import { bundle, nodeOnlyReferences, type Target } from "./bundle.js";
import { danglingReferences, expectedFiles, type PackedPackage, packDryRun } from "./pack.js";
import { buildPackage, PACKAGE_DIR } from "./package-dir.js";

/**
 * About 590 kB unpacked today: sources 195, JavaScript 154, maps 111, declarations 93 and the
 * README 34 (the doc comments count three times). The budget leaves room for more providers and
 * documentation, not for a bundled copy of oauth4webapi (320 kB) or a directory such as the
 * generated API docs.
 */
const UNPACKED_SIZE_BUDGET = 800_000;

/**
 * Measured minified: generateState alone is about 300 bytes, the whole API about 98 kB
 * (oauth4webapi included). Without "sideEffects": false, generateState alone bundles 89 kB: 1 kB
 * allows a helper or two, never a provider or the dependency.
 */
const SINGLE_IMPORT_BUDGET = 1024;

const CHECK_TIMEOUT = 30_000;

// Turbo builds a package's dependencies before its tests, not the package itself, and what is
// checked here is the dist/ that would be published: build it from the current sources.
beforeAll(buildPackage, 60_000);

describe("publint", () => {
  it(
    "when the package is linted strictly with suggestions, then publint reports nothing",
    async () => {
      const { messages, pkg } = await publint({
        pkgDir: PACKAGE_DIR,
        pack: "npm",
        strict: true,
        level: "suggestion",
      });
      const report = messages.map(
        (message) =>
          `${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false })}`,
      );
      expect(report, `publint found problems:\n${report.join("\n")}`).toEqual([]);
    },
    CHECK_TIMEOUT,
  );
});

describe("are the types wrong", () => {
  // ESM only on purpose, so the esm-only profile: CommonJS code on Node >= 20.19 (the engines
  // range) can require() an ES module, and older CommonJS has to import() it.
  it(
    "when the packed types are resolved as ESM, then attw finds no problem",
    async () => {
      const { exitCode, typesKind, problems } = await checkTypes();
      const report = JSON.stringify(problems, null, 2);
      expect(typesKind, "attw found no types shipped with the package").toBe("included");
      expect(problems, `attw found problems:\n${report}`).toEqual([]);
      expect(exitCode, "attw exited with an error").toBe(0);
    },
    CHECK_TIMEOUT,
  );
});

describe("npm pack", () => {
  let packed: PackedPackage;
  beforeAll(async () => {
    packed = await packDryRun();
  }, CHECK_TIMEOUT);

  it("when packed, then the tarball holds exactly the built modules, their sources and the documents", () => {
    const expected = expectedFiles();
    const unexpected = packed.files.filter((file) => !expected.includes(file));
    const missing = expected.filter((file) => !packed.files.includes(file));
    const staleHint = unexpected.some((file) => file.startsWith("dist/"))
      ? "\n(a dist/ file with no source in src/ is left from an old build: delete dist/ and rebuild)"
      : "";
    expect(
      unexpected,
      `files would ship that should not:\n${unexpected.join("\n")}${staleHint}`,
    ).toEqual([]);
    expect(missing, `files the package needs are not packed:\n${missing.join("\n")}`).toEqual([]);
  });

  it("when packed, then no test, tsconfig or build cache ships", () => {
    const internal = packed.files.filter((file) =>
      /(^|\/)(test\/|tsconfig[^/]*\.json$|[^/]*\.tsbuildinfo$)/.test(file),
    );
    expect(internal, `internal files would ship:\n${internal.join("\n")}`).toEqual([]);
  });

  it("when packed, then every source map and the sources it names ship together", () => {
    const dangling = danglingReferences(packed.files);
    expect(
      dangling,
      `packed files point at files that do not ship:\n${dangling.join("\n")}`,
    ).toEqual([]);
  });

  it("when packed, then the unpacked size stays within its budget", () => {
    expect(
      packed.unpackedSize,
      `the package unpacks to ${packed.unpackedSize} bytes, over the ${UNPACKED_SIZE_BUDGET} budget`,
    ).toBeLessThan(UNPACKED_SIZE_BUDGET);
  });
});

describe("bundling", () => {
  it.each<Target>(["browser", "worker"])(
    "when dist/index.js is bundled for a %s, then nothing Node-only is imported or referenced",
    async (target) => {
      const { code, nodeImports, inputs } = await bundle(
        { entryPoints: ["dist/index.js"] },
        target,
      );
      expect(nodeImports, `Node built-ins are imported:\n${nodeImports.join("\n")}`).toEqual([]);
      expect(
        inputs.some((input) => input.includes("node_modules/oauth4webapi/")),
        "oauth4webapi was not bundled, so it was not checked",
      ).toBe(true);
      const references = nodeOnlyReferences(code);
      expect(
        references,
        `the bundle references Node-only globals:\n${references.join("\n")}`,
      ).toEqual([]);
    },
    CHECK_TIMEOUT,
  );

  it(
    "when only generateState is imported, then the bundle leaves the rest of the package out",
    async () => {
      const importFrom = (contents: string) =>
        bundle({ stdin: { contents, resolveDir: PACKAGE_DIR } }, "browser", { minify: true });
      const single = await importFrom('export { generateState } from "@latchkey/oauth-core";');
      const everything = await importFrom('export * from "@latchkey/oauth-core";');
      expect(
        single.code.length,
        `importing generateState alone bundles ${single.code.length} bytes (everything: ${everything.code.length})`,
      ).toBeLessThan(SINGLE_IMPORT_BUDGET);
      expect(
        everything.code.length,
        `the whole API bundles to only ${everything.code.length} bytes, so the comparison shows nothing`,
      ).toBeGreaterThan(50 * SINGLE_IMPORT_BUDGET);
    },
    CHECK_TIMEOUT,
  );
});
