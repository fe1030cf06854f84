import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { StoreUnavailableError } from "../session/store-contract.js";

const PREFIX = "latchkey_";
/** Seconds: from a health check (~1 ms) to a proxied call near its 30 s timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Node's parser accepts some thirty methods; the rest are counted together. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const COUNTER_HELP = {
  http_requests_total: "HTTP requests answered, by method, route pattern and status.",
  logins_total: 'Sign-ins by provider and outcome ("success" or the login error code).',
  proxy_upstream_responses_total:
    'API answers through the proxy, by API (provider id or upstream name) and status ("error" or "timeout" when none came).',
  token_refreshes_total: "Access-token refreshes by provider and outcome.",
  backchannel_logouts_total:
    'Back-channel logout requests by provider and outcome ("accepted", "refused", "replayed").',
  store_errors_total: "Store calls that failed or timed out, by operation.",
};

type RequestLabel = "method" | "route" | "status";
type RefreshOutcome = "success" | "failure";

let processRegistry: Registry | undefined;

/**
 * CPU, memory, event loop and GC belong to the process, not to one app. And
 * `collectDefaultMetrics` starts an event-loop monitor and a GC observer that never stop: so
 * once per process, however many apps there are (tests build hundreds).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX });
  }
  return processRegistry;
}

/**
 * The gateway's metrics, one registry per app (never prom-client's global one). Every label
 * value comes from a bounded set: route patterns, configured provider ids, fixed error codes,
 * HTTP statuses, store operation names. Never a raw path, user, code or session id.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = this.counter("http_requests_total", ["method", "route", "status"]);
  private readonly durations = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: "Time from request to the end of the answer, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly requestSeries = new Map<
    string,
    {
      count: ReturnType<Counter<RequestLabel>["labels"]>;
      duration: ReturnType<Histogram<RequestLabel>["labels"]>;
    }
  >();
  private readonly logins = this.counter("logins_total", ["provider", "outcome"]);
  private readonly upstreamResponses = this.counter("proxy_upstream_responses_total", [
    "api",
    "status",
  ]);
  private readonly refreshes = this.counter("token_refreshes_total", ["provider", "outcome"]);
  private readonly storeErrors = this.counter("store_errors_total", ["operation"]);
  private readonly backchannelLogouts = this.counter("backchannel_logouts_total", [
    "provider",
    "outcome",
  ]);

  constructor() {
    processMetrics();
  }

  request(method: string, route: string, status: string, seconds: number): void {
    const m = METHODS.has(method) ? method : "other";
    // prom-client sorts and hashes a label object on every call; the label sets are few and
    // bounded, so each one's counter and histogram are looked up once and kept.
    const key = `${m} ${status} ${route}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      const labels = { method: m, route, status };
      series = { count: this.requests.labels(labels), duration: this.durations.labels(labels) };
      this.requestSeries.set(key, series);
    }
    series.count.inc();
    series.duration.observe(seconds);
  }

  login(provider: string, outcome: string): void {
    this.logins.inc({ provider, outcome });
  }

  upstream(api: string, status: number | "error" | "timeout"): void {
    this.upstreamResponses.inc({ api, status: String(status) });
  }

  refresh(provider: string, outcome: RefreshOutcome): void {
    this.refreshes.inc({ provider, outcome });
  }

  backchannelLogout(provider: string, outcome: "accepted" | "refused" | "replayed"): void {
    this.backchannelLogouts.inc({ provider, outcome });
  }

  storeError(operation: string): void {
    this.storeErrors.inc({ operation });
  }

  private counter<L extends string>(name: keyof typeof COUNTER_HELP, labelNames: readonly L[]) {
    const help = COUNTER_HELP[name];
    return new Counter({ name: `${PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The app's metrics and the process's, in Prometheus text format. */
  text(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}

/**
 * Counts a store's `StoreUnavailableError`s and passes them on unchanged. Wraps any store
 * whose methods return promises (revocations, and whatever store comes next). Each method is
 * wrapped once, here: the store sits on every request's path.
 */
export function countStoreErrors<T extends object>(store: T, metrics: GatewayMetrics): T {
  // Other properties (a memory store's `size`) still read through to the store itself.
  const counted = Object.create(store) as Record<PropertyKey, unknown>;
  for (const key of methodNames(store)) {
    const method = (store as Record<PropertyKey, unknown>)[key] as (...args: unknown[]) => unknown;
    counted[key] = (...args: unknown[]) => {
      const result = method.apply(store, args);
      if (!(result instanceof Promise)) return result;
      return result.catch((err: unknown) => {
        if (err instanceof StoreUnavailableError) metrics.storeError(err.operation);
        throw err;
      });
    };
  }
  return counted as T;
}

/** A store's methods: its own function properties and its class's. */
function methodNames(store: object): Set<string> {
  const names = new Set<string>();
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (name !== "constructor" && typeof descriptor?.value === "function") names.add(name);
    }
  }
  return names;
}
