import type { Browser, BrowserContext } from "playwright-core";

export const HELLO = "Hello, octocat in our restricted area!";

export { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../e2e/support/chromium.js";

declare global {
  interface Window {
    __helloAt?: number;
  }
}

/**
 * Records, in the page, the first animation frame in which the heading is there: that frame is
 * about to be painted. performance.now() counts from the navigation's start. A string, not a
 * function: tsx would wrap a function's inner names in a helper the page does not have.
 */
function watchForHello(text: string): string {
  return `(() => {
    const text = ${JSON.stringify(text)};
    const check = () => {
      const h1 = document.querySelector("h1");
      if (h1 && h1.textContent === text) window.__helloAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;
}

/** Signs octocat in through the mock's consent page and returns the signed-in context. */
export async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/restricted", baseUrl).toString());
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: "Continue as octocat" }).click();
  await page.getByText(HELLO).waitFor({ timeout: 15_000 });
  await page.close();
  return context;
}

/** One visit to /restricted in a new page of `context`: ms from navigation start to "Hello". */
export async function timeToHello(context: BrowserContext, baseUrl: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchForHello(HELLO));
    await page.goto(new URL("/restricted", baseUrl).toString());
    // Arrow functions without inner names, which tsx leaves as they are (no eval: the CSP forbids it).
    await page.waitForFunction(() => window.__helloAt !== undefined, undefined, {
      timeout: 15_000,
    });
    if (new URL(page.url()).pathname !== "/restricted") {
      throw new Error(`/restricted ended on ${page.url()}: the session was not there`);
    }
    return (await page.evaluate(() => window.__helloAt)) as number;
  } finally {
    await page.close();
  }
}
