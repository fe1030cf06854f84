import { expect, test } from "@playwright/test";
import { appUrl, signInAs } from "../support/app.js";

// Tokens the mock GitHub issues look like GitHub's OAuth tokens.
const TOKEN_PATTERN = /gh[opusr]_[A-Za-z0-9]{20,}/;

test("when a user is signed in, then no token is readable by page scripts anywhere", async ({
  page,
  context,
}) => {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(appUrl("/"))) return;
    try {
      bodies.push(await response.text());
    } catch {
      // Redirects and aborted navigations have no body to read.
    }
  });

  await page.goto(appUrl("/repos"));
  await signInAs(page, "octocat");
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
  await page.goto(appUrl("/profile"));
  await expect(page.getByRole("img", { name: "octocat's avatar" })).toBeVisible();

  const visible = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    html: document.documentElement.outerHTML,
  }));
  expect(visible.cookie).toBe("");
  expect(visible.local).not.toMatch(TOKEN_PATTERN);
  expect(visible.session).not.toMatch(TOKEN_PATTERN);
  expect(visible.html).not.toMatch(TOKEN_PATTERN);

  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie, cookie.name).toMatchObject({ httpOnly: true });

  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toMatch(TOKEN_PATTERN);
});
