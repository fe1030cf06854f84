/** Where the gateway's Redis is: one node, a Sentinel-managed primary, or a Cluster. */
export interface RedisConfig {
  mode: "single" | "sentinel" | "cluster";
  /**
   * `redis://` or `rediss://` (TLS). The server itself in `single` mode; with Sentinel or
   * Cluster only its user, password, database and TLS are used.
   */
  url: string | undefined;
  /** The sentinels, or the cluster's seed nodes; empty in `single` mode. */
  nodes: { host: string; port: number }[];
  /** The primary's name the sentinels know it by. */
  sentinelName: string | undefined;
  /** Every key starts with it, so several apps can share one Redis. */
  prefix: string;
}

export interface RedisSettings {
  REDIS_URL?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_SENTINEL_NAME?: string | undefined;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_PREFIX: string;
}

/** Redis when any of its locations is set, else undefined (the memory stores); problems are collected. */
export function parseRedisConfig(
  settings: RedisSettings,
  problems: string[],
): RedisConfig | undefined {
  const { REDIS_URL: url, REDIS_SENTINEL_NAME: sentinelName } = settings;
  const before = problems.length;
  const sentinels = hostPorts("REDIS_SENTINELS", settings.REDIS_SENTINELS, problems);
  const cluster = hostPorts("REDIS_CLUSTER_NODES", settings.REDIS_CLUSTER_NODES, problems);

  if (url !== undefined && !/^rediss?:\/\/[^/]/.test(url)) {
    problems.push("REDIS_URL: must be a redis:// or rediss:// URL, e.g. redis://localhost:6379");
  }
  if (sentinels.length > 0 && cluster.length > 0) {
    problems.push("REDIS_SENTINELS, REDIS_CLUSTER_NODES: set one or the other, not both");
  }
  if (sentinels.length > 0 && !sentinelName) {
    problems.push("REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the primary's name)");
  }
  if (sentinelName && sentinels.length === 0) {
    problems.push("REDIS_SENTINELS: required with REDIS_SENTINEL_NAME (host:port,host:port)");
  }
  if (cluster.length > 0 && url !== undefined && /^rediss?:\/\/[^/]*\/[1-9]/.test(url)) {
    problems.push("REDIS_URL: a Redis Cluster has only database 0");
  }
  if (!/^\S+$/.test(settings.REDIS_PREFIX)) {
    problems.push("REDIS_PREFIX: must not be empty or contain spaces");
  }
  if (problems.length > before) return undefined;

  const mode = cluster.length > 0 ? "cluster" : sentinels.length > 0 ? "sentinel" : "single";
  if (mode === "single" && url === undefined) return undefined;
  return {
    mode,
    url,
    nodes: mode === "cluster" ? cluster : sentinels,
    sentinelName: mode === "sentinel" ? sentinelName : undefined,
    prefix: settings.REDIS_PREFIX,
  };
}

function hostPorts(
  name: string,
  value: string | undefined,
  problems: string[],
): { host: string; port: number }[] {
  const nodes: { host: string; port: number }[] = [];
  for (const entry of value?.split(/[\s,]+/).filter(Boolean) ?? []) {
    const match = /^(\[[^\]]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1 || port > 65535) {
      problems.push(`${name}: "${entry}" must look like host:port`);
      continue;
    }
    nodes.push({ host: match[1].replace(/^\[(.*)\]$/, "$1"), port });
  }
  return nodes;
}
