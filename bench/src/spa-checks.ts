import type { Check } from "./report.js";
import { measureSpa, type SpaResult } from "./spa.js";

export type SpaFigures = SpaResult;

/** The SPA's goals from the issue, read off `measureSpa`'s result. */
export function spaChecks(spa: SpaFigures | undefined): Check[] {
  if (!spa) return [];
  const { firstRouteJsGzipBytes: bytes, helloMedianMs, helloCold } = spa;
  return [
    {
      what: "SPA first-route JavaScript, gzipped",
      goal: "≤ 100 kB",
      measured: `${(bytes / 1000).toFixed(1)} kB (${bytes.toLocaleString("en-US")} bytes)`,
      met: bytes <= 100_000,
    },
    {
      what: 'signed in, /restricted shows "Hello, …" (median, headless Chromium)',
      goal: "≤ 300 ms",
      measured: `${helloMedianMs.toFixed(0)} ms warm cache; ${helloCold.medianMs.toFixed(0)} ms with an empty cache`,
      met: helloMedianMs <= 300,
    },
  ];
}

/**
 * bench/src/spa.ts's measurements against a running production gateway (the build, with the
 * mock GitHub behind it). A failure there is reported, not fatal: the load figures stand.
 */
export async function spaMeasurements(
  gatewayOrigin: string,
): Promise<{ result?: SpaFigures; notes: string[] }> {
  try {
    return { result: await measureSpa({ baseUrl: gatewayOrigin }), notes: [] };
  } catch (err) {
    return { notes: [`SPA measurements failed: ${(err as Error).message}`] };
  }
}
