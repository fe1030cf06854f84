import { expect, type Page } from "@playwright/test";

/** `path` on the server whose origin the global setup put in `variable`. */
export function serverUrl(variable: string, path: string): string {
  const base = process.env[variable];
  if (!base) throw new Error(`${variable} is not set: the global setup did not run`);
  return new URL(path, base).toString();
}

export function appUrl(path: string): string {
  return serverUrl("E2E_BASE_URL", path);
}

/** From the SPA's login page, through the mock GitHub's authorize page, as `login`. */
export async function signInAs(page: Page, login: string): Promise<void> {
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: `Continue as ${login}` }).click();
}

export async function expectOnLoginPage(
  page: Page,
  returnTo: string,
  url: (path: string) => string = appUrl,
): Promise<void> {
  await expect(page).toHaveURL(url(`/login?returnTo=${encodeURIComponent(returnTo)}`));
  await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
}
