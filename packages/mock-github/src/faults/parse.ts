import {
  type ActiveFault,
  FAULT_KINDS,
  FAULT_TARGETS,
  type Fault,
  type FaultKind,
  type FaultTarget,
  MAX_DELAY_MS,
  MISSING_FIELDS_TARGETS,
} from "./types.js";

export type ParsedFault = ({ ok: true } & ActiveFault) | { ok: false; message: string };

// The fields each kind takes besides "target", "kind" and "times".
const FIELDS: Record<FaultKind, readonly string[]> = {
  slow: ["delayMs", "then"],
  status: ["status", "body"],
  reset: [],
  html: [],
  "missing-fields": [],
  "bad-json": [],
};

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function isFaultTarget(value: unknown): value is FaultTarget {
  return oneOf(FAULT_TARGETS, value);
}

export function invalidTargetMessage(): string {
  return `"target" must be one of ${quoted(FAULT_TARGETS)}`;
}

/** Narrows a fault from anywhere (a test, an HTTP body, the environment); messages name the field. */
export function parseFault(input: unknown): ParsedFault {
  const fail = (message: string): ParsedFault => ({ ok: false, message });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return fail("a fault must be a JSON object");
  }
  const fields: Record<string, unknown> = { ...input };
  const { target, kind, times } = fields;
  if (!isFaultTarget(target)) return fail(invalidTargetMessage());
  if (!oneOf(FAULT_KINDS, kind)) return fail(`"kind" must be one of ${quoted(FAULT_KINDS)}`);
  const unknown = Object.keys(fields).find(
    (key) => !["target", "kind", "times", ...FIELDS[kind]].includes(key),
  );
  if (unknown !== undefined) return fail(`"${unknown}" is not a field of a "${kind}" fault`);
  if (times !== undefined && !integerIn(times, 1, Number.MAX_SAFE_INTEGER)) {
    return fail('"times" must be a positive integer');
  }
  const fault = (body: Fault): ParsedFault => ({
    ok: true,
    target,
    fault: times === undefined ? body : { ...body, times },
  });
  switch (kind) {
    case "slow": {
      const { delayMs, then } = fields;
      if (!integerIn(delayMs, 0, MAX_DELAY_MS)) {
        return fail(`"delayMs" must be an integer from 0 to ${MAX_DELAY_MS}`);
      }
      if (then !== undefined && then !== "ok") return fail('"then" must be "ok"');
      return fault({ kind, delayMs, ...(then === undefined ? {} : { then }) });
    }
    case "status": {
      // A Fetch Response cannot carry a 1xx status: those are never a final answer.
      const { status, body } = fields;
      if (!integerIn(status, 200, 599)) return fail('"status" must be an integer from 200 to 599');
      if (body !== undefined && typeof body !== "string") return fail('"body" must be a string');
      return fault({ kind, status, ...(body === undefined ? {} : { body }) });
    }
    case "missing-fields":
      if (!MISSING_FIELDS_TARGETS.includes(target)) {
        return fail(
          `"kind" "missing-fields" applies only to "target" ${quoted(MISSING_FIELDS_TARGETS)}`,
        );
      }
      return fault({ kind });
    default:
      return fault({ kind });
  }
}

/**
 * The command line's short form: `target:kind[:value]`, comma-separated, where the value
 * is `delayMs` for slow and `status` for status, e.g. `token:slow:2000,user:status:503`.
 */
export function parseFaultList(spec: string): ActiveFault[] {
  return spec
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const [target, kind, value, ...rest] = item.split(":");
      const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
      const field = kind === "slow" ? "delayMs" : kind === "status" ? "status" : undefined;
      const parsed =
        rest.length > 0 || (value !== undefined && field === undefined)
          ? {
              ok: false as const,
              message: "expected target:kind, or target:slow:ms, target:status:code",
            }
          : parseFault({ target, kind, ...(field === undefined ? {} : { [field]: number }) });
      if (!parsed.ok) throw new TypeError(`${JSON.stringify(item)}: ${parsed.message}`);
      return { target: parsed.target, fault: parsed.fault };
    });
}
