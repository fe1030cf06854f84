const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Largest first: a time is told in the largest unit it fills at least once.
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * DAY],
  ["month", 30 * DAY],
  ["week", 7 * DAY],
  ["day", DAY],
  ["hour", HOUR],
  ["minute", MINUTE],
];

// The words around these times are English, so the relative phrase is too ("2 hours ago");
// the full date and time follow the reader's own locale.
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "just now", "5 minutes ago", "yesterday"… as of `now`; never in the future (clock skew). */
export function timeAgo(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return "at an unknown time";
  const elapsed = Math.max(0, now - at);
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) return relative.format(-Math.trunc(elapsed / size), unit);
  }
  return "just now";
}

/** The date and time in full, for whoever wants more than "2 days ago". */
export function fullTime(iso: string): string {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? absolute.format(at) : "unknown";
}
