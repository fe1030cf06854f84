import { expect, test } from "@playwright/test";
import { appUrl, signInAs } from "../support/app.js";

test("when the user signs out in one tab, then the other tab goes to the login page saying so, at once", async ({
  page,
}) => {
  await page.goto(appUrl("/profile"));
  await signInAs(page, "octocat");
  await expect(page).toHaveURL(appUrl("/profile"));

  // A second tab of the same browser, on another signed-in page.
  const other = await page.context().newPage();
  await other.goto(appUrl("/restricted"));
  await expect(other.getByText("Hello, octocat in our restricted area!")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Told by the first tab, not by its own once-a-minute check: well within expect's 10 s.
  await expect(other).toHaveURL(
    appUrl(`/login?returnTo=${encodeURIComponent("/restricted")}&notice=signed_out`),
  );
  await expect(other.getByText("You were signed out.")).toBeVisible();
  // The tab that signed out itself gets no such notice.
  await expect(page.getByText("You were signed out.")).toHaveCount(0);
});
