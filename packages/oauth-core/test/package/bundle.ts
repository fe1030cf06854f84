import { builtinModules } from "node:module";
import { relative } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { PACKAGE_DIR } from "./package-dir.js";

export const TARGETS = {
  browser: { platform: "browser" },
  worker: {
    platform: "neutral",
    conditions: ["worker", "browser"],
    mainFields: ["browser", "module", "main"],
  },
} satisfies Record<string, BuildOptions>;

export type Target = keyof typeof TARGETS;

export interface Bundle {
  code: string;
  nodeImports: string[];
  inputs: string[];
}

const NODE_BUILTINS = new Set(builtinModules);

/** Records each import of a Node built-in and keeps it out of the bundle instead of failing on the first. */
function nodeImportRecorder(found: string[]): Plugin {
  return {
    name: "node-import-recorder",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, ({ path, importer }) => {
        if (!path.startsWith("node:") && !NODE_BUILTINS.has(path)) return undefined;
        found.push(`${relative(PACKAGE_DIR, importer) || "<entry>"} imports ${path}`);
        return { path, external: true };
      });
    },
  };
}

export async function bundle(
  entry: Pick<BuildOptions, "entryPoints" | "stdin">,
  target: Target,
  { minify = false } = {},
): Promise<Bundle> {
  const nodeImports: string[] = [];
  const result = await build({
    ...entry,
    ...TARGETS[target],
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    format: "esm",
    minify,
    // Comments go even unminified: prose such as "what Graph's queries require" is not code,
    // while identifiers stay as written, so a __require shim still shows under its own name.
    minifyWhitespace: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [nodeImportRecorder(nodeImports)],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no output");
  return { code: output.text, nodeImports, inputs: Object.keys(result.metafile.inputs) };
}

/**
 * Places in bundled code that only work on Node, each with a little context: a CommonJS
 * require (esbuild turns one into its __require shim), a property of process, any Buffer.
 */
export function nodeOnlyReferences(code: string): string[] {
  return [/\b(?:__)?require\b/g, /\bprocess\s*(?:\?\.|\.|\[)/g, /\bBuffer\b/g].flatMap((pattern) =>
    [...code.matchAll(pattern)].map(({ index }) => {
      const context = code.slice(Math.max(0, index - 40), index + 40).replace(/\s+/g, " ");
      return `${pattern.source}: …${context}…`;
    }),
  );
}
