import { screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

describe("signing out", () => {
  it("when Sign out is pressed, then it POSTs /auth/logout with X-CSRF: 1 and lands on /login", async () => {
    gateway.signIn();
    const { router, user } = renderApp("/restricted");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
    expect(router.state.historyAction).toBe("REPLACE");
    const logout = gateway.state.requests.find((r) => new URL(r.url).pathname === "/auth/logout");
    expect(logout?.method).toBe("POST");
    expect(logout?.headers.get("X-CSRF")).toBe("1");
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  it("when signed out, then /restricted sends to the login page again", async () => {
    gateway.signIn();
    const { router, user } = renderApp("/restricted");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { name: "Sign in" });

    await router.navigate("/restricted");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frestricted");
  });

  it("when the session ended elsewhere, then the next navigation notices it", async () => {
    gateway.signIn();
    const { router } = renderApp("/restricted");
    await screen.findByRole("heading", { name: /restricted area/ });
    gateway.signOut();
    // A 401 from any API call makes the SPA ask /api/me again instead of trusting its memory.
    server.use(
      http.get("/api/github/user/repos", () =>
        HttpResponse.json({ error: "unauthenticated", message: "Sign in" }, { status: 401 }),
      ),
    );
    await router.navigate("/repos");
    await screen.findByRole("heading", { name: "Sign in" });
    await router.navigate("/profile");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Fprofile");
  });
});
