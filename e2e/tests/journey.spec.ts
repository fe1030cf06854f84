import { expect, test } from "@playwright/test";
import { appUrl, expectOnLoginPage, signInAs } from "../support/app.js";

test.describe("signing in with GitHub (the mock)", () => {
  test("when a signed-out user opens /restricted, then they are sent to the login page with returnTo", async ({
    page,
  }) => {
    await page.goto(appUrl("/restricted"));
    await expectOnLoginPage(page, "/restricted");
  });

  test("when the user picks GitHub, then the authorize page lists the seeded accounts and Cancel", async ({
    page,
  }) => {
    await page.goto(appUrl("/restricted"));
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await expect(page.getByRole("button", { name: "Continue as octocat" })).toBeVisible();
    // At least three seeded accounts; the seed may grow.
    expect(
      await page.getByRole("button", { name: /^Continue as / }).count(),
    ).toBeGreaterThanOrEqual(3);
    await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  });

  test("when octocat continues, then /restricted greets them", async ({ page }) => {
    await page.goto(appUrl("/restricted"));
    await signInAs(page, "octocat");
    await expect(page).toHaveURL(appUrl("/restricted"));
    await expect(page.getByText("Hello, octocat in our restricted area!")).toBeVisible();
  });

  test("when signed in, then /profile shows avatar, name, login, email and id", async ({
    page,
  }) => {
    await page.goto(appUrl("/profile"));
    await signInAs(page, "octocat");
    await expect(page).toHaveURL(appUrl("/profile"));
    const main = page.getByRole("main");
    await expect(main.getByRole("img", { name: "octocat's avatar" })).toBeVisible();
    await expect(main.getByText("The Octocat")).toBeVisible();
    await expect(main.getByText("octocat", { exact: true })).toBeVisible();
    await expect(main.getByText("octocat@github.com")).toBeVisible();
    await expect(main.getByText("583231")).toBeVisible();
  });

  test("when signed in, then /repos pages through the repositories with the page in the URL", async ({
    page,
  }) => {
    await page.goto(appUrl("/repos"));
    await signInAs(page, "octocat");
    await expect(page).toHaveURL(appUrl("/repos"));
    await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
    const firstPage = await page.getByRole("main").getByRole("listitem").allTextContents();
    expect(firstPage.length).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(appUrl("/repos?page=2"));
    await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
    const secondPage = await page.getByRole("main").getByRole("listitem").allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage).not.toEqual(firstPage);

    await page.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(appUrl("/repos?page=1"));
  });

  test("when a signed-out user follows a deep link, then sign-in returns to exactly that link", async ({
    page,
  }) => {
    await page.goto(appUrl("/repos?page=2"));
    await expectOnLoginPage(page, "/repos?page=2");
    await signInAs(page, "octocat");
    await expect(page).toHaveURL(appUrl("/repos?page=2"));
    await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  });

  test("when the user cancels on the authorize page, then the login page says so and keeps where they were going", async ({
    page,
  }) => {
    await page.goto(appUrl("/restricted"));
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByText("Sign-in was cancelled")).toBeVisible();
    // Where the user was going survives the cancel: the next sign-in still ends there.
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2Frestricted",
    );
    const me = await page.request.get(appUrl("/api/me"));
    expect(me.status()).toBe(401);
  });

  for (const path of ["/restricted", "/profile", "/repos"]) {
    test(`when the user signs out on ${path}, then the session is over`, async ({ page }) => {
      await page.goto(appUrl(path));
      await signInAs(page, "octocat");
      await expect(page).toHaveURL(appUrl(path));
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      const me = await page.request.get(appUrl("/api/me"));
      expect(me.status()).toBe(401);
      await page.goto(appUrl("/restricted"));
      await expectOnLoginPage(page, "/restricted");
    });
  }
});
