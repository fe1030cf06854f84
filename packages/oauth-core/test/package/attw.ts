import { localBin, run } from "./package-dir.js";

export interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

export interface AttwReport {
  exitCode: number;
  typesKind: string | undefined;
  problems: AttwProblem[];
}

/**
 * The resolutions attw's esm-only profile leaves out (its profiles.js): node10, which predates
 * "exports", and node16-cjs, a CommonJS require(). Its JSON output lists every problem
 * regardless of the profile, so the same filter is applied here.
 */
const IGNORED_BY_ESM_ONLY = new Set(["node10", "node16-cjs"]);

export async function checkTypes(): Promise<AttwReport> {
  const { code, stdout, stderr } = await run(localBin("attw"), [
    "--pack",
    ".",
    "--format",
    "json",
    "--profile",
    "esm-only",
  ]);
  if (!stdout.trim()) throw new Error(`attw printed no report (exit ${code}):\n${stderr}`);
  const { analysis } = JSON.parse(stdout) as {
    analysis: { types: false | { kind: string }; problems?: AttwProblem[] };
  };
  return {
    exitCode: code,
    typesKind: analysis.types ? analysis.types.kind : undefined,
    problems: (analysis.problems ?? []).filter(
      (problem) => !problem.resolutionKind || !IGNORED_BY_ESM_ONLY.has(problem.resolutionKind),
    ),
  };
}
