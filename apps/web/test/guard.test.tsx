import { screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

describe("the guard", () => {
  it("when signed out and opening /restricted, then the login page remembers /restricted", async () => {
    const { router } = renderApp("/restricted");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frestricted");
    expect(screen.getByRole("link", { name: "Sign in with GitHub" })).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2Frestricted",
    );
  });

  it("when signed out and opening /repos?page=2, then the sign-in link returns to that page", async () => {
    renderApp("/repos?page=2");
    const link = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute("href", "/auth/github/login?returnTo=%2Frepos%3Fpage%3D2");
  });

  it("when the page was loaded with a #fragment, then returnTo keeps it", async () => {
    window.history.replaceState(null, "", "/profile?tab=1#email");
    const { router } = renderApp("/profile?tab=1");
    const link = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2Fprofile%3Ftab%3D1%23email",
    );
    expect(currentUrl(router)).toBe("/login?returnTo=%2Fprofile%3Ftab%3D1%23email");
  });

  it("when signed in, then /restricted greets the user with a Sign out button", async () => {
    gateway.signIn();
    renderApp("/restricted");
    expect(
      await screen.findByRole("heading", { name: "Hello, octocat in our restricted area!" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("when signed in and visiting /login, then the user is sent to returnTo", async () => {
    gateway.signIn();
    const { router } = renderApp("/login?returnTo=%2Fprofile");
    expect(await screen.findByRole("heading", { name: "Your profile" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/profile");
  });

  it("when moving between signed-in pages, then /api/me is asked once, not per loader", async () => {
    gateway.signIn();
    const { user } = renderApp("/restricted");
    await screen.findByRole("heading", { name: /restricted area/ });
    await user.click(screen.getByRole("link", { name: "Profile" }));
    await screen.findByRole("heading", { name: "Your profile" });
    const meCalls = gateway.state.requests.filter((r) => new URL(r.url).pathname === "/api/me");
    expect(meCalls).toHaveLength(1);
  });
});

describe("the home page", () => {
  it("when signed out, then it explains the app and offers Sign in", async () => {
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Latchkey" })).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "Sign in" })[0]).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "The restricted area" })).toHaveAttribute(
      "href",
      "/restricted",
    );
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  it("when signed in, then it says who is signed in", async () => {
    gateway.signIn();
    renderApp("/");
    await screen.findByRole("heading", { level: 1, name: "Latchkey" });
    const main = screen.getByRole("main");
    expect(within(main).getByText(/Signed in as/)).toHaveTextContent("Signed in as octocat.");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("when /api/me fails, then the home page says the server had a problem, not that nobody is signed in", async () => {
    server.use(
      http.get("/api/me", () => HttpResponse.json({ error: "server_error" }, { status: 500 })),
    );
    renderApp("/");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The server had a problem (error code server_error).",
    );
    expect(screen.queryByText(/not signed in/)).not.toBeInTheDocument();
  });
});
