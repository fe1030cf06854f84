import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { expectOnLoginPage, serverUrl, signInAs } from "../support/app.js";
import { DOCUMENTED_SITE, renderSite } from "../support/nginx.js";

// Two production gateways behind nginx, round-robin, no sticky sessions (global setup).
const balancerUrl = (path: string) => serverUrl("E2E_BALANCER_URL", path);
const gateways = () => (process.env.E2E_BALANCED_GATEWAYS ?? "").split(",").filter(Boolean);

/** Every instance nginx says answered one of the page's responses. */
function collectUpstreams(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on("response", (response) => {
    // "a, b" when nginx retried on the next instance.
    for (const address of response.headers()["x-upstream"]?.split(/,\s*/) ?? []) seen.add(address);
  });
  return seen;
}

async function signInThroughBalancer(page: Page, returnTo: string): Promise<void> {
  await page.goto(balancerUrl(returnTo));
  await expectOnLoginPage(page, returnTo, balancerUrl);
  await signInAs(page, "octocat");
  await expect(page).toHaveURL(balancerUrl(returnTo));
}

/** `/api/me` asked of one instance directly, with the browser's cookies, bypassing nginx. */
async function meFrom(gateway: string, cookie: string): Promise<Response> {
  return fetch(`http://${gateway}/api/me`, { headers: { cookie } });
}

async function cookieHeader(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
}

test.describe("two gateways behind nginx (round-robin)", () => {
  test("when the journey runs through nginx, then both instances serve it and honour one session", async ({
    page,
  }) => {
    const upstreams = collectUpstreams(page);
    await signInThroughBalancer(page, "/restricted");
    await expect(page.getByText("Hello, octocat in our restricted area!")).toBeVisible();

    await page.goto(balancerUrl("/repos?page=2"));
    await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
    await page.goto(balancerUrl("/profile"));
    await expect(page.getByRole("img", { name: "octocat's avatar" })).toBeVisible();

    expect([...upstreams].sort()).toEqual([...gateways()].sort());
    const cookie = await cookieHeader(page);
    for (const gateway of gateways()) {
      const me = await meFrom(gateway, cookie);
      expect(me.status, gateway).toBe(200);
      expect(await me.json()).toMatchObject({ user: { login: "octocat" } });
    }

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(balancerUrl("/restricted"));
    await expectOnLoginPage(page, "/restricted", balancerUrl);
  });

  test("when the user signs out through one instance, then the other refuses the old session cookie", async ({
    page,
  }) => {
    await signInThroughBalancer(page, "/profile");
    const cookie = await cookieHeader(page);
    const logout = page.waitForResponse((response) => response.url().endsWith("/auth/logout"));
    await page.getByRole("button", { name: "Sign out" }).click();
    const servedBy = (await logout).headers()["x-upstream"] ?? "";
    const other = gateways().find((gateway) => gateway !== servedBy) ?? "";
    expect(gateways()).toContain(servedBy);
    expect((await meFrom(servedBy, cookie)).status, servedBy).toBe(401);
    expect((await meFrom(other, cookie)).status, other).toBe(401);
  });

  test("when the README shows the nginx config, then it is the tested template filled in", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.split(/^## Running several instances$/m)[1] ?? "";
    const documented = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
    expect(documented).toBe(await renderSite(DOCUMENTED_SITE));
  });
});
