import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  acmeAppUrl,
  acmeIssuerUrl,
  meStatus,
  newDevice,
  returnToTab,
  signedInDevice,
  signInWithAcme,
} from "../support/acme.js";

// A whole session's life against panva's oidc-provider (an OpenID provider that knows nothing
// of Latchkey): signing in on its pages, the Sessions page, sign-out that ends the provider's
// session too, and sessions ended from elsewhere (another device, the provider itself).

const SIGNED_OUT_NOTICE = "You were signed out.";
const restrictedReturnTo = acmeAppUrl(
  `/login?returnTo=${encodeURIComponent("/restricted")}&notice=signed_out`,
);

async function openSessions(page: Page) {
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(acmeAppUrl("/sessions"));
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  // One row header per session: its device, and "This device" for this browser's.
  return page.getByRole("rowheader");
}

/** Two devices (browsers of their own) signed in as `login`, the first on its Sessions page. */
async function twoDevices(browser: Browser, login: string) {
  const laptop = await signedInDevice(browser, login, "/restricted");
  const phone = await signedInDevice(browser, login, "/restricted");
  await expect(phone.page.getByText(/^Hello, .+ in our restricted area!$/)).toBeVisible();
  const sessions = await openSessions(laptop.page);
  await expect(sessions).toHaveCount(2);
  const close = () => Promise.all([laptop.context.close(), phone.context.close()]);
  return { laptop: laptop.page, phone: phone.page, sessions, close };
}

async function expectToldSignedOut(page: Page) {
  await returnToTab(page);
  await expect(page).toHaveURL(restrictedReturnTo);
  await expect(page.getByText(SIGNED_OUT_NOTICE)).toBeVisible();
}

test.describe("the session lifecycle with an independent OpenID provider", () => {
  test("when Ada signs in with Acme ID and signs out, then the Sessions page shows this device, sign-out passes through the provider's page, and the provider asks for her login again", async ({
    browser,
  }) => {
    const context = await newDevice(browser);
    const page = await context.newPage();
    await page.goto(acmeAppUrl("/restricted"));
    await expect(page).toHaveURL(
      acmeAppUrl(`/login?returnTo=${encodeURIComponent("/restricted")}`),
    );
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toHaveCount(0);

    await signInWithAcme(page, "ada");

    await expect(page).toHaveURL(acmeAppUrl("/restricted"));
    await expect(page.getByText("Hello, ada.lovelace in our restricted area!")).toBeVisible();
    const sessions = await openSessions(page);
    await expect(sessions).toHaveCount(1);
    await expect(sessions).toContainText(/^(Chrome|Chromium) \d+ on Linux/);
    await expect(sessions.getByText("This device", { exact: true })).toBeVisible();
    // No other session, so nothing to end but this one.
    await expect(page.getByRole("button", { name: /^Sign out .+, signed in / })).toHaveCount(0);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();

    await expect(page).toHaveURL((url) => url.href.startsWith(acmeIssuerUrl("/session/end")));
    await expect(
      page.getByRole("heading", { name: /^Do you want to sign-out from/ }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await expect(page).toHaveURL(acmeAppUrl("/login?notice=provider_signed_out"));
    await expect(page.getByText("You signed out here and at your sign-in provider.")).toBeVisible();
    expect(await meStatus(page)).toBe(401);

    // The provider's session ended too: it does not wave her through, it asks who she is.
    await page.getByRole("link", { name: "Sign in with Acme ID" }).click();
    await expect(page).toHaveURL((url) => url.href.startsWith(acmeIssuerUrl("/interaction/")));
    await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
    await context.close();
  });

  test("when Grace ends her other device's session from the Sessions page, then that device, checking again, is on the login page saying she was signed out", async ({
    browser,
  }) => {
    const { laptop, phone, sessions, close } = await twoDevices(browser, "grace");

    await laptop.getByRole("button", { name: /^Sign out .+ on Linux, signed in / }).click();

    await expect(sessions).toHaveCount(1);
    await expect(sessions.getByText("This device", { exact: true })).toBeVisible();
    await expectToldSignedOut(phone);
    // The laptop's own session stands.
    await laptop.reload();
    await expect(laptop.getByRole("rowheader")).toHaveCount(1);
    expect(await meStatus(laptop)).toBe(200);
    await close();
  });

  test("when Alan signs out on the provider's own page, then the provider tells the gateway and the app's next check is on the login page saying so", async ({
    browser,
  }) => {
    const { context, page } = await signedInDevice(browser, "alan", "/restricted");
    await expect(page.getByText("Hello, alan.turing in our restricted area!")).toBeVisible();

    // Another tab of the same browser, at the provider, which is not the app's doing at all.
    const provider = await context.newPage();
    await provider.goto(acmeIssuerUrl("/session/end"));
    await provider.getByRole("button", { name: "Yes, sign me out" }).click();
    await expect(provider.getByRole("heading", { name: "Sign-out Success" })).toBeVisible();

    // Back-channel logout: the provider posted to the gateway, nobody told the app's tab.
    await expect.poll(() => meStatus(page)).toBe(401);
    await expectToldSignedOut(page);
    await context.close();
  });

  test("when Barbara signs out everywhere from one device, then the other device is signed out too", async ({
    browser,
  }) => {
    const { laptop, phone, close } = await twoDevices(browser, "barbara");

    await laptop.getByRole("button", { name: "Sign out everywhere" }).click();

    await expect(laptop).toHaveURL(acmeAppUrl("/login"));
    await expect(laptop.getByRole("link", { name: "Sign in with Acme ID" })).toBeVisible();
    await expectToldSignedOut(phone);
    expect(await meStatus(laptop)).toBe(401);
    await close();
  });
});
