import { describe, expect, it } from "vitest";
import { describeUserAgent, MAX_USER_AGENT_LENGTH } from "../src/session/user-agent.js";

// Real User-Agent headers, as each browser sends them.
const CASES: ReadonlyArray<
  [what: string, ua: string, browser: string | null, system: string | null]
> = [
  [
    "Chrome on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Chrome 131",
    "Windows",
  ],
  [
    "Chrome on macOS",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Chrome 131",
    "macOS",
  ],
  [
    "Chrome on Linux",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Chrome 130",
    "Linux",
  ],
  [
    "headless Chrome (Playwright's Chromium)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36",
    "Chrome 131",
    "Linux",
  ],
  [
    "Chrome on Android",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
    "Chrome 131",
    "Android 14",
  ],
  [
    "Chrome on Android with the reduced user agent",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Chrome 131",
    "Android 10",
  ],
  [
    "Chrome on iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
    "Chrome 131",
    "iOS",
  ],
  [
    "Chrome on ChromeOS",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Chrome 131",
    "ChromeOS",
  ],
  [
    "Chromium on Linux (Debian's)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/120.0.6099.224 Chrome/120.0.6099.224 Safari/537.36",
    "Chromium 120",
    "Linux",
  ],
  [
    "Edge on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
    "Edge 131",
    "Windows",
  ],
  [
    "Edge on Android",
    "Mozilla/5.0 (Linux; Android 13; SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 EdgA/130.0.2849.80",
    "Edge 130",
    "Android 13",
  ],
  [
    "Edge on iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15",
    "Edge 131",
    "iOS",
  ],
  [
    "Opera on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/115.0.0.0",
    "Opera 115",
    "Windows",
  ],
  [
    "Samsung Internet on Android",
    "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
    "Samsung Internet 26",
    "Android 14",
  ],
  [
    "Firefox on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Firefox 133",
    "Windows",
  ],
  [
    "Firefox on macOS",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Firefox 133",
    "macOS",
  ],
  [
    "Firefox on Linux",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Firefox 128",
    "Linux",
  ],
  [
    "Firefox on Android",
    "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
    "Firefox 133",
    "Android 14",
  ],
  [
    "Firefox on iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15",
    "Firefox 133",
    "iOS",
  ],
  [
    "Safari on macOS",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Safari 18",
    "macOS",
  ],
  [
    "Safari on iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Safari 18",
    "iOS",
  ],
  [
    "Safari on iPad",
    "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Safari 17",
    "iPadOS",
  ],
  [
    "Android's old built-in browser",
    "Mozilla/5.0 (Linux; U; Android 4.4.2; en-us; SM-T530NU Build/KOT49H) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
    null,
    "Android 4",
  ],
  ["curl", "curl/8.11.0", null, null],
  ["a bot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null, null],
  ["an empty header", "", null, null],
];

describe("describeUserAgent", () => {
  it.each(CASES)(
    "when the user agent is %s, then it names its browser and system",
    (_, ua, browser, system) => {
      expect(describeUserAgent(ua)).toEqual({ browser, system });
    },
  );

  it("when there is no User-Agent header, then neither is known", () => {
    expect(describeUserAgent(undefined)).toEqual({ browser: null, system: null });
  });

  it("when a browser's token comes only past the first 512 characters, then it is not seen", () => {
    const padding = "x".repeat(MAX_USER_AGENT_LENGTH);
    expect(describeUserAgent(`${padding} (Windows NT 10.0) Firefox/133.0`)).toEqual({
      browser: null,
      system: null,
    });
  });

  it.each([
    ["repeated almost-matches", "Version/1".repeat(12_000)],
    ["one long run of digits", `Chrome/${"1".repeat(100_000)}`],
    ["spaces and dots", `Version/1${". ".repeat(50_000)}Safari/`],
    ["no match at all", "a".repeat(100_000)],
  ])("when the header is 100 kB of %s, then it is answered at once", (_, ua) => {
    expect(ua.length).toBeGreaterThanOrEqual(100_000);
    const started = performance.now();
    for (let i = 0; i < 100; i += 1) describeUserAgent(ua);
    // A hundred answers in well under a second: backtracking over 100 kB would take minutes.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("when a version is absurdly long, then only its first digits are kept", () => {
    expect(describeUserAgent(`Firefox/${"9".repeat(400)}`).browser).toBe("Firefox 9999");
  });
});
