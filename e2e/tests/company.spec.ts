import { expect, test } from "@playwright/test";
import { serverUrl } from "../support/app.js";

// A production gateway that signs people in with (the mock's) Google only, for addresses at
// example.com, and calls Google's API for them: see the global setup.
const companyUrl = (path: string) => serverUrl("E2E_COMPANY_URL", path);

test.describe("a company's gateway: Google only, example.com only", () => {
  test("when monalisa (mona@example.com) signs in with Google, then her Drive files come through the gateway", async ({
    page,
  }) => {
    await page.goto(companyUrl("/drive"));
    await expect(page).toHaveURL(companyUrl(`/login?returnTo=${encodeURIComponent("/drive")}`));
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toHaveCount(0);
    await page.getByRole("link", { name: "Sign in with Google" }).click();

    const files = page.waitForResponse((response) =>
      response.url().startsWith(companyUrl("/api/google/drive/v3/files")),
    );
    await page.getByRole("button", { name: "Continue as monalisa" }).click();
    await expect(page).toHaveURL(companyUrl("/drive"));
    const answer = await files;
    expect(answer.status()).toBe(200);
    await expect(page.getByText("monalisa's notes")).toBeVisible();
    await expect(page.getByText("Welcome to Drive")).toBeVisible();

    const me = await (await page.request.get(companyUrl("/api/me"))).json();
    expect(me).toMatchObject({
      provider: "google",
      user: { email: "mona@example.com" },
      apis: [{ name: "google", path: "/api/google", kind: "provider" }],
    });
    // The page got the files, never the token that fetched them.
    expect(JSON.stringify(await answer.json())).not.toMatch(/mat_|access_token/);
    // A GitHub page is not this session's: the link is not offered.
    await expect(page.getByRole("link", { name: "Repositories" })).toHaveCount(0);
  });

  test("when octocat (octocat@github.com) signs in with Google, then the sign-in is refused and no session exists", async ({
    page,
  }) => {
    await page.goto(companyUrl("/restricted"));
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.getByRole("button", { name: "Continue as octocat" }).click();
    await expect(page).toHaveURL(/\/login\?.*error=not_allowed/);
    await expect(page.getByText("Your account is not allowed to sign in here")).toBeVisible();
    expect((await page.request.get(companyUrl("/api/me"))).status()).toBe(401);
    const drive = await page.request.get(companyUrl("/api/google/drive/v3/files"), {
      headers: { "x-csrf": "1" },
    });
    expect(drive.status()).toBe(401);
  });
});
