import { screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { watchSession } from "../src/auth/sessionWatch";
import { listenAsAnotherTab } from "./otherTab";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

const SIGNED_OUT_TEXT = "You were signed out. Sign in again to pick up where you were.";
let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  stop = undefined;
});

/** Signed in and on `path`, with the watcher checking every `every` ms. */
async function openAt(path: string, every: number) {
  gateway.signIn();
  const app = renderApp(path);
  await screen.findByRole("heading", { name: /restricted area/ });
  stop = watchSession(app.router, { every });
  return app;
}

function meRequests(): URL[] {
  return gateway.state.requests
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === "/api/me");
}

describe("watching the session while a page is open", () => {
  it("when the session ends while the page sits open, then a background check notices and the login page says you were signed out", async () => {
    const { router } = await openAt("/restricted", 20);
    gateway.signOut();
    expect(await screen.findByText(SIGNED_OUT_TEXT)).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frestricted&notice=signed_out");
    // The checks asked without counting as activity.
    expect(meRequests().some((url) => url.searchParams.get("slide") === "false")).toBe(true);
  });

  it("when the session still stands, then the checks change nothing and never slide it", async () => {
    const { router } = await openAt("/restricted", 20);
    const before = meRequests().length;
    await waitFor(() => expect(meRequests().length).toBeGreaterThan(before + 2));
    expect(currentUrl(router)).toBe("/restricted");
    const background = meRequests().slice(before);
    expect(background.every((url) => url.searchParams.get("slide") === "false")).toBe(true);
  });

  it("when the gateway cannot be reached, then the check says nothing about the session and the page stays", async () => {
    const { router } = await openAt("/restricted", 20);
    server.use(http.get("/api/me", () => HttpResponse.error()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(currentUrl(router)).toBe("/restricted");
    expect(screen.queryByText(SIGNED_OUT_TEXT)).not.toBeInTheDocument();
  });

  it("when another tab signs out, then this one goes to the login page at once, saying so", async () => {
    // Checks far apart: only the other tab's word can move this one.
    const { router } = await openAt("/restricted", 60_000);
    gateway.signOut();
    const otherTab = new BroadcastChannel("latchkey-session");
    otherTab.postMessage("signed-out");
    otherTab.close();
    expect(await screen.findByText(SIGNED_OUT_TEXT)).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frestricted&notice=signed_out");
  });

  it("when this tab signs out, then the other tabs are told", async () => {
    const { user } = await openAt("/restricted", 60_000);
    const heard = listenAsAnotherTab();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await expect(heard).resolves.toBe("signed-out");
    // Signing out here is the person's own doing: no "you were signed out" notice.
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByText(SIGNED_OUT_TEXT)).not.toBeInTheDocument();
  });

  it("when the page is signed out already, then no check is made", async () => {
    const app = renderApp("/");
    await screen.findByRole("heading", { level: 1 });
    stop = watchSession(app.router, { every: 20 });
    const before = meRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(meRequests().length).toBe(before);
  });
});
