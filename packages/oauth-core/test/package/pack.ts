import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, sep } from "node:path";
import { PACKAGE_DIR, run } from "./package-dir.js";

export interface PackedPackage {
  files: string[];
  unpackedSize: number;
}

export async function packDryRun(): Promise<PackedPackage> {
  const { code, stdout, stderr } = await run("npm", ["pack", "--dry-run", "--json"]);
  if (code !== 0) throw new Error(`npm pack --dry-run failed:\n${stderr}`);
  const [packed] = JSON.parse(stdout) as [{ files: { path: string }[]; unpackedSize: number }];
  return { files: packed.files.map((file) => file.path).sort(), unpackedSize: packed.unpackedSize };
}

function sourceFiles(): string[] {
  const src = join(PACKAGE_DIR, "src");
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((name) => statSync(join(src, name)).isFile())
    .map((name) => name.split(sep).join("/"));
}

/**
 * What the tarball should hold: the sources (the source maps point at them) and, for each
 * module, its JavaScript, declarations and map; plus the documents npm shows and the licence.
 */
export function expectedFiles(): string[] {
  const sources = sourceFiles();
  const modules = sources
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => name.slice(0, -".ts".length));
  const documents = [
    "package.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "VERSIONING.md",
  ].filter((name) => existsSync(join(PACKAGE_DIR, name)));
  return [
    ...documents,
    ...sources.map((name) => `src/${name}`),
    ...modules.flatMap((name) => [`dist/${name}.js`, `dist/${name}.d.ts`, `dist/${name}.js.map`]),
  ].sort();
}

/** Every reference from a packed file to another (sourceMappingURL, a map's sources) that is not packed. */
export function danglingReferences(files: string[]): string[] {
  const packed = new Set(files);
  const dangling: string[] = [];
  const check = (from: string, target: string) => {
    const resolved = posix.normalize(posix.join(posix.dirname(from), target));
    if (!packed.has(resolved)) dangling.push(`${from} → ${resolved}`);
  };
  for (const file of files) {
    const text = () => readFileSync(join(PACKAGE_DIR, file), "utf8");
    if (/\.(js|d\.ts)$/.test(file)) {
      for (const [, url] of text().matchAll(/^\/\/# sourceMappingURL=(\S+)$/gm))
        if (url && !url.startsWith("data:")) check(file, url);
    }
    if (file.endsWith(".map")) {
      const map = JSON.parse(text()) as { sourceRoot?: string; sources: string[] };
      for (const source of map.sources) check(file, posix.join(map.sourceRoot ?? "", source));
    }
  }
  return dangling;
}
