import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlib } from "node:zlib";
import { contentType } from "mime-types";

/** Smaller files gain nothing from compression; larger ones are sent as they are. */
const COMPRESS_MIN_BYTES = 1024;
const COMPRESS_MAX_BYTES = 1024 * 1024;
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;

type Encoding = "br" | "gzip";

interface Variant {
  body: Buffer;
  etag: string;
}

/** One built file, held in memory, with its compressed forms once they are made. */
export interface StaticFile {
  type: string;
  /** Of the file as built; each variant's ETag is made from it. */
  hash: string;
  identity: Variant;
  /** Compressed forms, made in the background at startup; until one is ready, it is not offered. */
  encoded: Partial<Record<Encoding, Variant>>;
  compressible: boolean;
}

const compress = {
  br: promisify(brotliCompress),
  gzip: promisify(gzip),
};

/**
 * The built SPA, read once at startup: a few hundred kilobytes that every visit asks for.
 * Serving them from memory spares a file stream and its 64 KB buffers per request, and lets
 * each be compressed once (brotli and gzip, at their best levels) instead of never. Only the
 * files found at startup exist: a path is a key in a map, never a path on disk, so nothing
 * outside the directory can be reached. A new build is picked up by a restart, as a deploy does.
 */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const path of filesUnder(dir)) {
    const body = readFileSync(path);
    const type = contentType(path.split(sep).at(-1) ?? "") || "application/octet-stream";
    const hash = hashOf(body);
    const file: StaticFile = {
      type,
      hash,
      identity: { body, etag: `"${hash}"` },
      encoded: {},
      compressible:
        COMPRESSIBLE.test(type) &&
        body.length >= COMPRESS_MIN_BYTES &&
        body.length <= COMPRESS_MAX_BYTES,
    };
    files.set(`/${relative(dir, path).split(sep).join("/")}`, file);
    if (file.compressible) void compressInBackground(file);
  }
  return files;
}

async function compressInBackground(file: StaticFile): Promise<void> {
  const body = file.identity.body;
  const [br, gz] = await Promise.all([
    compress.br(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    compress.gzip(body, { level: zlib.Z_BEST_COMPRESSION }),
  ]);
  // A compressed form is offered only when it is actually smaller.
  if (br.length < body.length) file.encoded.br = { body: br, etag: `"${file.hash}-br"` };
  if (gz.length < body.length) file.encoded.gzip = { body: gz, etag: `"${file.hash}-gz"` };
}

/**
 * Source maps would publish the SPA's source (and its comments) to anyone. The web build makes
 * none, but a build made with them (a debugging session, another bundler setting) must not
 * leak them either: they are never loaded, so they are never served, with no SourceMap header
 * pointing at them.
 */
const SOURCE_MAP = /\.map$/i;

/**
 * Every file under `dir` that may be published: dot files and dot directories left out (as
 * express.static does), and source maps.
 */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isFile() && SOURCE_MAP.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Names the content, for strong ETags: one per encoding (`"<hash>"`, `"<hash>-br"`…), so a
 * cache never answers a gzip body for a brotli one.
 */
function hashOf(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64url").slice(0, 27);
}

/**
 * Sends `file` (GET or HEAD): the best encoding the client accepts, `304` when its
 * `If-None-Match` names the variant it would get. A `Range` is ignored (the whole file is
 * sent), which HTTP allows; browsers do not ask for ranges of scripts and styles.
 */
export function sendStaticFile(
  req: IncomingMessage & { acceptsEncodings(...encodings: string[]): string | false },
  res: ServerResponse,
  file: StaticFile,
  cacheControl: string,
): void {
  let encoding: Encoding | undefined;
  if (file.compressible) {
    res.setHeader("Vary", "Accept-Encoding");
    const offered = (["br", "gzip"] as const).filter((e) => file.encoded[e] !== undefined);
    if (offered.length > 0) {
      const chosen = req.acceptsEncodings(...offered, "identity");
      encoding = chosen === "br" || chosen === "gzip" ? chosen : undefined;
    }
  }
  const variant = (encoding && file.encoded[encoding]) || file.identity;
  res.setHeader("Content-Type", file.type);
  res.setHeader("Cache-Control", cacheControl);
  res.setHeader("ETag", variant.etag);
  if (matches(req.headers["if-none-match"], variant.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", variant.body.length);
  res.end(req.method === "HEAD" ? undefined : variant.body);
}

/** `If-None-Match` compares weakly (RFC 9110 §13.1.2): `W/` is ignored, `*` matches anything. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
