import { expect, test } from "@playwright/test";

function productionUrl(path: string): string {
  const base = process.env.E2E_PRODUCTION_URL;
  if (!base) throw new Error("E2E_PRODUCTION_URL is not set: the global setup did not run");
  return new URL(path, base).toString();
}

test("when the production build is served by the gateway, then the journey works under its strict CSP", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));

  const first = await page.goto(productionUrl("/repos?page=2"));
  expect(first?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page).toHaveURL(
    productionUrl(`/login?returnTo=${encodeURIComponent("/repos?page=2")}`),
  );
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: "Continue as octocat" }).click();
  await expect(page).toHaveURL(productionUrl("/repos?page=2"));
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();

  await page.goto(productionUrl("/profile"));
  const avatar = page.getByRole("img", { name: "octocat's avatar" });
  await expect(avatar).toBeVisible();
  // The avatar comes from the provider's host, which the CSP allows by name.
  expect(await avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.goto(productionUrl("/restricted"));
  await expect(page.getByText("Hello, octocat in our restricted area!")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(violations).toEqual([]);
});
