import autocannon from "autocannon";
import { rssMb } from "./processes.js";

export interface SoakResult {
  requests: number;
  /** RSS in MB before the first request of the soak. */
  rssStartMb: number;
  /** RSS in MB after each quarter of the run. */
  rssByQuarter: number[];
  rssEndMb: number;
  /** RSS after the last quarter minus after the second: a leak shows as steady growth. */
  growthMb: number;
  errors: number;
  non2xx: number;
}

export const SOAK_REQUESTS = 200_000;

/**
 * 200,000 requests in a mix a signed-in SPA makes (/api/me, the GitHub proxy, /healthz, a
 * static asset), in four quarters with the gateway's RSS read after each.
 */
export async function soak(
  origin: string,
  pid: number,
  cookie: string,
  assetPath: string,
  total = SOAK_REQUESTS,
): Promise<SoakResult> {
  const quarter = Math.floor(total / 4);
  const rssStartMb = rssMb(pid);
  const rssByQuarter: number[] = [];
  let errors = 0;
  let non2xx = 0;
  for (let q = 0; q < 4; q++) {
    const result = await autocannon({
      url: origin,
      connections: 32,
      amount: quarter,
      timeout: 10,
      headers: { cookie },
      requests: [
        { method: "GET", path: "/api/me" },
        { method: "GET", path: "/api/github/user", headers: { cookie, "x-csrf": "1" } },
        { method: "GET", path: "/healthz" },
        { method: "GET", path: assetPath },
      ],
    });
    errors += result.errors;
    non2xx += result.non2xx;
    rssByQuarter.push(rssMb(pid));
  }
  const rssEndMb = rssByQuarter[3] ?? Number.NaN;
  return {
    requests: quarter * 4,
    rssStartMb,
    rssByQuarter,
    rssEndMb,
    growthMb: rssEndMb - (rssByQuarter[1] ?? Number.NaN),
    errors,
    non2xx,
  };
}
