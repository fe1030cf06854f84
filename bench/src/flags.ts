import { gatewayBlock } from "./gateway-block.js";
import { type FlagRun, withRatios } from "./report.js";
import {
  type GatewayOptions,
  gatewayStartScript,
  type Service,
  staticAssetPath,
} from "./services.js";
import { SOAK_REQUESTS, type SoakResult, soak } from "./soak.js";
import { gatewayRowsPlanned } from "./throughput.js";

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/**
 * The V8 flags `npm start` passes, against node's defaults: all of them, none, and (with more
 * than one) each alone, so each flag is kept only while it measurably helps.
 */
export function flagConfigs(): Array<{ label: string; flags: string[] }> {
  const { flags } = gatewayStartScript();
  const configs = [{ label: "start script", flags }];
  if (flags.length === 0) return configs;
  configs.push({ label: "no flags", flags: [] });
  if (flags.length > 1) for (const flag of flags) configs.push({ label: "only", flags: [flag] });
  return configs;
}

/**
 * Each flag configuration in a fresh gateway (every optimization on): the memory soak first,
 * from the process's start, then `/api/me` and the proxy between runs of their references.
 * `first` runs against the first (the start script's) gateway while it is up.
 */
export async function flagRuns(
  refs: Parameters<typeof gatewayBlock>[0],
  options: GatewayOptions,
  first?: (gateway: Service) => Promise<void>,
): Promise<FlagRun[]> {
  const runs: FlagRun[] = [];
  for (const [i, { label, flags }] of flagConfigs().entries()) {
    const named = flags.length ? flags.join(" ") : "no flags";
    let soaked: SoakResult | undefined;
    const before = async (gateway: Service, cookie: string) => {
      const pid = gateway.started.child.pid ?? 0;
      log(`memory soak, ${named}: ${SOAK_REQUESTS.toLocaleString("en-US")} mixed requests …`);
      soaked = await soak(gateway.origin, pid, cookie, staticAssetPath());
    };
    const after = first && i === 0 ? (gateway: Service) => first(gateway) : undefined;
    const rows = await gatewayBlock(
      refs,
      { ...options, nodeFlags: flags },
      gatewayRowsPlanned(`, node flags: ${named}`),
      { before, ...(after ? { after } : {}) },
    );
    if (!soaked) throw new Error(`the soak with ${named} did not run`);
    runs.push({ flags, label, rows: withRatios(rows), soak: soaked });
  }
  return runs;
}
