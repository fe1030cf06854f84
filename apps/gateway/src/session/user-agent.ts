/** What the sessions page says about the device a session was started on. */
export interface DeviceSummary {
  /** The browser and its major version (`"Chrome 131"`), or null when it cannot tell. */
  browser: string | null;
  /** The operating system (`"macOS"`, `"Android 14"`), or null when it cannot tell. */
  system: string | null;
}

// A user agent is whatever the client sent: real ones are a few hundred characters, and nothing
// past this point changes what a person would recognise. Cutting first bounds every match below.
export const MAX_USER_AGENT_LENGTH = 512;

interface Rule {
  readonly pattern: RegExp;
  /** The name shown; a captured major version, if any, follows it. */
  readonly name: string;
}

// Order matters: Edge, Opera and Samsung Internet all say "Chrome/…" too, Chromium says both,
// and every browser on iOS and most on Android say "Safari/…". Each pattern is a literal with
// one bounded capture, so matching is linear in the input.
const BROWSERS: readonly Rule[] = [
  { pattern: /\bEdg(?:e|A|iOS)?\/(\d{1,4})/, name: "Edge" },
  { pattern: /\b(?:OPR|OPiOS)\/(\d{1,4})/, name: "Opera" },
  { pattern: /\bSamsungBrowser\/(\d{1,4})/, name: "Samsung Internet" },
  { pattern: /\b(?:Firefox|FxiOS)\/(\d{1,4})/, name: "Firefox" },
  { pattern: /\bChromium\/(\d{1,4})/, name: "Chromium" },
  // No \b: headless Chrome calls itself "HeadlessChrome/…", and it is Chrome.
  { pattern: /(?:Chrome|CriOS)\/(\d{1,4})/, name: "Chrome" },
  // Safari names its version in "Version/…" just before "Safari/…" (with iOS's "Mobile/…" between);
  // Android's old built-in browser ends in "Mobile Safari/…", which is not Safari.
  { pattern: /\bVersion\/(\d{1,4})[\d.]{0,12} (?:Mobile\/\w{1,12} )?Safari\//, name: "Safari" },
];

// iOS and iPadOS say "like Mac OS X", Android and (often) ChromeOS say "Linux": those first.
// Windows 10 and 11 both send "Windows NT 10.0", so no version is claimed for Windows.
const SYSTEMS: readonly Rule[] = [
  { pattern: /\bWindows (?:NT|Phone)\b/, name: "Windows" },
  { pattern: /\biPad\b/, name: "iPadOS" },
  { pattern: /\b(?:iPhone|iPod)\b/, name: "iOS" },
  { pattern: /\bAndroid(?: (\d{1,3}))?/, name: "Android" },
  { pattern: /\bCrOS\b/, name: "ChromeOS" },
  { pattern: /\b(?:Macintosh|Mac OS X)\b/, name: "macOS" },
  { pattern: /\b(?:Linux|X11)\b/, name: "Linux" },
];

/** Names the browser and system in a User-Agent header, as far as a short table can tell. */
export function describeUserAgent(userAgent: string | undefined): DeviceSummary {
  if (userAgent === undefined) return { browser: null, system: null };
  const ua = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  return { browser: firstMatch(BROWSERS, ua), system: firstMatch(SYSTEMS, ua) };
}

function firstMatch(rules: readonly Rule[], ua: string): string | null {
  for (const { pattern, name } of rules) {
    const match = pattern.exec(ua);
    if (match === null) continue;
    const major = match[1];
    return major === undefined ? name : `${name} ${major}`;
  }
  return null;
}
