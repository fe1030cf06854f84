import { expect, test } from "@playwright/test";
import { appUrl, expectOnLoginPage } from "../support/app.js";

test.describe("signing in with Google (the mock's OpenID Connect provider)", () => {
  test("when the login page opens, then it offers one control per enabled provider", async ({
    page,
  }) => {
    await page.goto(appUrl("/restricted"));
    await expectOnLoginPage(page, "/restricted");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in with Google" })).toBeVisible();
  });

  test("when octocat signs in with Google, then /restricted greets them and the session is Google's", async ({
    page,
  }) => {
    await page.goto(appUrl("/restricted"));
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.getByRole("button", { name: "Continue as octocat" }).click();
    await expect(page).toHaveURL(appUrl("/restricted"));
    await expect(page.getByText("Hello, octocat in our restricted area!")).toBeVisible();

    const me = await page.request.get(appUrl("/api/me"));
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({
      provider: "google",
      user: { provider: "google", login: "octocat" },
    });

    // Google's API through the gateway: the mock's Drive, with the token kept server-side.
    await expect(page.getByRole("link", { name: "Repositories" })).toHaveCount(0);
    await page.getByRole("link", { name: "Drive files" }).click();
    await expect(page).toHaveURL(appUrl("/drive"));
    await expect(page.getByText("octocat's notes")).toBeVisible();
    // A GitHub page is not this session's: it says so, without calling GitHub's API.
    await page.goto(appUrl("/repos"));
    await expect(
      page.getByRole("heading", { name: "Not available for your sign-in provider" }),
    ).toBeVisible();

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get(appUrl("/api/me"))).status()).toBe(401);
  });

  test("when the user cancels at Google, then the login page says so", async ({ page }) => {
    await page.goto(appUrl("/profile"));
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("Sign-in was cancelled")).toBeVisible();
  });
});
