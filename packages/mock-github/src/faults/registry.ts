import { parseFault } from "./parse.js";
import type { ActiveFault, Fault, FaultTarget, MockFaults } from "./types.js";

/** The faults switched on for one mock, at most one per target. */
export class FaultRegistry implements MockFaults {
  private readonly active = new Map<FaultTarget, Fault>();

  set(target: FaultTarget, fault: Fault): void {
    // Validated here too: callers in plain JavaScript, or with a computed object, get no type check.
    const parsed = parseFault({ ...fault, target });
    if (!parsed.ok) throw new TypeError(parsed.message);
    this.active.set(parsed.target, parsed.fault);
  }

  clear(target?: FaultTarget): void {
    if (target === undefined) this.active.clear();
    else this.active.delete(target);
  }

  list(): ActiveFault[] {
    return Array.from(this.active, ([target, fault]) => ({ target, fault: { ...fault } }));
  }

  /**
   * The fault to apply to one request on `target`, counted against its `times` at once,
   * so that concurrent requests each see the count the one before them left.
   */
  take(target: FaultTarget): Fault | undefined {
    const fault = this.active.get(target);
    if (fault?.times === undefined) return fault;
    if (fault.times <= 1) this.active.delete(target);
    else this.active.set(target, { ...fault, times: fault.times - 1 });
    return fault;
  }
}
