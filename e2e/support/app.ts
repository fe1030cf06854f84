import { expect, type Page } from "@playwright/test";

export function appUrl(path: string): string {
  const base = process.env.E2E_BASE_URL;
  if (!base) throw new Error("E2E_BASE_URL is not set: the global setup did not run");
  return new URL(path, base).toString();
}

/** From the SPA's login page, through the mock GitHub's authorize page, as `login`. */
export async function signInAs(page: Page, login: string): Promise<void> {
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: `Continue as ${login}` }).click();
}

export async function expectOnLoginPage(page: Page, returnTo: string): Promise<void> {
  await expect(page).toHaveURL(appUrl(`/login?returnTo=${encodeURIComponent(returnTo)}`));
  await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
}
