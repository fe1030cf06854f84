import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";

export interface JsFile {
  /** Path inside the built SPA, e.g. `/assets/index-abc.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstRouteJs {
  gzipBytes: number;
  files: JsFile[];
}

const ENTRY = /<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/gi;
const PRELOAD = /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/gi;
// Static imports only (`import{a as b}from"./x.js"`, `import"./x.js"`, `export … from`):
// a dynamic `import("./x.js")` is a lazy route, fetched later.
const STATIC_IMPORT =
  /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

/**
 * The JavaScript a browser must fetch before the first route can render: the entry script
 * and module preloads named by index.html, plus every chunk they import statically.
 */
export async function firstRouteJs(webDist: string): Promise<FirstRouteJs> {
  const html = await readFile(join(webDist, "index.html"), "utf8");
  const roots = [...html.matchAll(ENTRY), ...html.matchAll(PRELOAD)].map((m) => urlPath(m[1]));
  const seen = new Set<string>();
  const files: JsFile[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(join(webDist, file));
    files.push({ file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    for (const m of code.toString("utf8").matchAll(STATIC_IMPORT)) {
      queue.push(posix.join(posix.dirname(file), m[1] as string));
    }
  }
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
}

function urlPath(src: string | undefined): string {
  if (!src) throw new Error("index.html names an empty script or preload");
  return new URL(src, "http://spa.invalid/").pathname;
}
