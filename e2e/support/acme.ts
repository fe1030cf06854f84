import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { serverUrl } from "./app.js";

// The gateway that signs people in with "Acme ID", an independent OpenID provider, and signs
// them out there too: see the global setup.
export const acmeAppUrl = (path: string) => serverUrl("E2E_OIDC_URL", path);
export const acmeIssuerUrl = (path: string) => serverUrl("E2E_OIDC_ISSUER", path);

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A browser context (its own cookies, at the app and at the provider: another device) that
 * cannot reach the internet: the provider's pages import a web font, which would otherwise
 * be fetched from Google.
 */
export async function newDevice(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route(
    (url) => !LOOPBACK.has(url.hostname),
    (route) => route.abort("internetdisconnected"),
  );
  return context;
}

/**
 * From the app's login page, through the provider's own login and consent pages (its
 * development pages take any password), back to the app as `login`.
 */
export async function signInWithAcme(page: Page, login: string): Promise<void> {
  await page.getByRole("link", { name: "Sign in with Acme ID" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** A new device on `path`, signed in there as `login` (back on `path`). */
export async function signedInDevice(browser: Browser, login: string, path: string) {
  const context = await newDevice(browser);
  const page = await context.newPage();
  await page.goto(acmeAppUrl(path));
  await signInWithAcme(page, login);
  await expect(page).toHaveURL(acmeAppUrl(path));
  return { context, page };
}

/** The gateway's answer to this device's session, without counting as activity. */
export async function meStatus(page: Page): Promise<number> {
  return (await page.request.get(acmeAppUrl("/api/me?slide=false"))).status();
}

/**
 * What the app does when a person comes back to its tab: it asks at once whether the session
 * still stands, rather than at its once-a-minute check.
 */
export async function returnToTab(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
}
