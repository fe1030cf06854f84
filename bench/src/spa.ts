import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH, signedInContext, timeToHello } from "./spa-hello.js";
import { startProductionSpa } from "./spa-servers.js";
import { firstRouteJs, type JsFile } from "./spa-size.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface SpaOptions {
  /** The built SPA; apps/web/dist by default. */
  webDist?: string;
  /** A production gateway already serving `webDist` (with a mock GitHub behind it); else one is started. */
  baseUrl?: string;
  /** Another build (say, before a change) measured in the same run, its visits interleaved. */
  beforeWebDist?: string;
  /** Visits per cache state; 15 by default. */
  samples?: number;
  chromiumPath?: string;
}

export interface HelloRun {
  cache: "warm" | "cold";
  medianMs: number;
  samplesMs: number[];
}

export interface SpaBuildResult {
  webDist: string;
  /** The entry script, its module preloads and their static imports, gzip level 9, summed. */
  firstRouteJsGzipBytes: number;
  firstRouteFiles: JsFile[];
  /** Median ms from navigation start to the frame showing "Hello, octocat …" (warm cache). */
  helloMedianMs: number;
  helloSamplesMs: number[];
  /** Visits in the signed-in context after a first visit: hashed assets come from its cache. */
  helloWarm: HelloRun;
  /** Each visit in a new context holding only the session cookie: an empty HTTP cache. */
  helloCold: HelloRun;
}

export interface SpaResult extends SpaBuildResult {
  method: string;
  /** The machine's 1-minute load average before and after, and its CPUs: timings need it. */
  machine: { cpus: number; loadBefore: number; loadAfter: number };
  before?: SpaBuildResult;
}

interface Target {
  webDist: string;
  baseUrl: string;
  context: BrowserContext;
  warm: number[];
  cold: number[];
}

const METHOD =
  "production gateway serving the build, headless Chromium (e2e flags), signed in as octocat; " +
  "a new page per visit to /restricted; time = performance.now() in the first animation frame " +
  "whose <h1> reads the greeting, counted from navigation start; with a before build, the two " +
  "builds' visits alternate so machine load weighs on both alike";

/** The SPA's page-speed figures: first-route JavaScript size and time to "Hello" on /restricted. */
export async function measureSpa(options: SpaOptions = {}): Promise<SpaResult> {
  const webDist = resolve(options.webDist ?? join(root, "apps/web/dist"));
  const samples = options.samples ?? 15;
  const stops: Array<() => Promise<void>> = [];
  const loadBefore = loadavg()[0] as number;
  const browser = await chromium.launch({
    executablePath: options.chromiumPath ?? CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const serve = async (dist: string, given?: string) => {
      if (given) return given;
      const server = await startProductionSpa(dist);
      stops.push(server.stop);
      return server.baseUrl;
    };
    const builds = [{ dist: webDist, given: options.baseUrl }];
    if (options.beforeWebDist)
      builds.push({ dist: resolve(options.beforeWebDist), given: undefined });
    const targets: Target[] = [];
    for (const { dist, given } of builds) {
      const baseUrl = await serve(dist, given);
      // Signing in loads every asset of /restricted into this context's cache: it is warm.
      const context = await signedInContext(browser, baseUrl);
      targets.push({ webDist: dist, baseUrl, context, warm: [], cold: [] });
    }
    for (let i = 0; i < samples; i++) {
      for (const t of targets) t.warm.push(await timeToHello(t.context, t.baseUrl));
    }
    for (let i = 0; i < samples; i++) {
      for (const t of targets) t.cold.push(await coldVisit(browser, t));
    }
    const [after, before] = await Promise.all(targets.map(summarize));
    const machine = { cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0] as number };
    return { ...(after as SpaBuildResult), method: METHOD, machine, ...(before ? { before } : {}) };
  } finally {
    await browser.close();
    for (const stop of stops) await stop();
  }
}

async function coldVisit(browser: Browser, target: Target): Promise<number> {
  const context = await browser.newContext({ storageState: await target.context.storageState() });
  try {
    return await timeToHello(context, target.baseUrl);
  } finally {
    await context.close();
  }
}

async function summarize(target: Target): Promise<SpaBuildResult> {
  const size = await firstRouteJs(target.webDist);
  const helloWarm = helloRun("warm", target.warm);
  return {
    webDist: target.webDist,
    firstRouteJsGzipBytes: size.gzipBytes,
    firstRouteFiles: size.files,
    helloMedianMs: helloWarm.medianMs,
    helloSamplesMs: helloWarm.samplesMs,
    helloWarm,
    helloCold: helloRun("cold", target.cold),
  };
}

function helloRun(cache: "warm" | "cold", samplesMs: number[]): HelloRun {
  const rounded = samplesMs.map((ms) => Math.round(ms * 10) / 10);
  return { cache, medianMs: median(rounded), samplesMs: rounded };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] as number;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

// `npx tsx bench/src/spa.ts [webDist] [beforeWebDist]` prints the result as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [webDist, beforeWebDist] = process.argv.slice(2);
  const result = await measureSpa({ webDist, beforeWebDist });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
