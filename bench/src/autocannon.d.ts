// The parts of autocannon 9's programmatic API the suite uses: the package ships no types
// (no `types` field, no .d.ts, no @types/autocannon for 9), so they are declared here from its
// lib/validate.js, lib/init.js and lib/aggregateResult.js.
declare module "autocannon" {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: Request[];
    /** A run before the measured one, its options laid over these; its result is `warmup`. */
    warmup?: { duration?: number; connections?: number };
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    duration: number;
  }
  /** An EventEmitter that is also thenable when no callback is given. */
  function autocannon(options: Options): Promise<Result>;
  // biome-ignore lint/style/noDefaultExport: autocannon's own export is a default one
  export default autocannon;
}
