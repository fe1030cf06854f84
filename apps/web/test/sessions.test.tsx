import { screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { listenAsAnotherTab } from "./otherTab";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

/** Signed in, on the Sessions page, with the list shown. */
async function openSessions() {
  gateway.signIn();
  const app = renderApp("/sessions");
  await screen.findByRole("table");
  return app;
}

/** The table's rows below its header, by their row header's text. */
function rowNames(): string[] {
  const [, ...rows] = within(screen.getByRole("table")).getAllByRole("row");
  return rows.map((row) => within(row).getByRole("rowheader").textContent ?? "");
}

function requestsTo(method: string, pathname: string): Request[] {
  return gateway.state.requests.filter(
    (request) => request.method === method && new URL(request.url).pathname === pathname,
  );
}

const failure = (status: number, error: string) => () =>
  HttpResponse.json({ error, message: "Not now." }, { status });

describe("the Sessions page", () => {
  it("when signed in, then it lists the sessions as given, naming browser and system, with This device on the current one", async () => {
    await openSessions();
    expect(screen.getByRole("heading", { level: 1, name: "Your sessions" })).toBeInTheDocument();
    expect(rowNames()).toEqual([
      "Chrome 131 on macOSThis device",
      "Safari 18 on iOS",
      "Firefox 133 on Windows",
      "Unknown browser",
    ]);
    const [, current, phone] = within(screen.getByRole("table")).getAllByRole("row");
    expect(within(current as HTMLElement).getByText("2 hours ago")).toBeInTheDocument();
    expect(within(current as HTMLElement).getByText("just now")).toBeInTheDocument();
    expect(within(phone as HTMLElement).getByText("3 days ago")).toBeInTheDocument();
    expect(within(phone as HTMLElement).getByText("5 hours ago")).toBeInTheDocument();
    expect(screen.getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "Device",
      "Signed in",
      "Last seen",
      "Actions",
    ]);
  });

  it("when listed, then each Sign out button says which session it ends", async () => {
    await openSessions();
    expect(
      screen.getByRole("button", { name: "Sign out Safari 18 on iOS, signed in 3 days ago" }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Sign out Unknown browser, signed in 2 weeks ago" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out of this device" })).toBeInTheDocument();
    // The header's button keeps the plain name every signed-in page has.
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("when signed in, then the header links to the Sessions page", async () => {
    gateway.signIn();
    const { router, user } = renderApp("/restricted");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    await user.click(within(nav).getByRole("link", { name: "Sessions" }));
    await screen.findByRole("heading", { name: "Your sessions" });
    expect(currentUrl(router)).toBe("/sessions");
  });

  it("when another session's Sign out is pressed, then it sends DELETE with X-CSRF and the session leaves the list", async () => {
    const { router, user } = await openSessions();
    await user.click(screen.getByRole("button", { name: /^Sign out Firefox 133 on Windows/ }));

    await waitFor(() => expect(rowNames()).not.toContain("Firefox 133 on Windows"));
    const [deleted] = requestsTo("DELETE", "/api/sessions/laptop");
    expect(deleted?.headers.get("X-CSRF")).toBe("1");
    expect(rowNames()).toHaveLength(3);
    expect(currentUrl(router)).toBe("/sessions");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when the session had ended already (404 session_not_found), then the list is fetched again and no error is shown", async () => {
    const { user } = await openSessions();
    // It ended elsewhere after the list was shown.
    gateway.state.sessions = gateway.state.sessions.filter((session) => session.id !== "phone");
    const listed = requestsTo("GET", "/api/sessions").length;
    await user.click(screen.getByRole("button", { name: /^Sign out Safari 18 on iOS/ }));

    await waitFor(() => expect(rowNames()).not.toContain("Safari 18 on iOS"));
    expect(requestsTo("GET", "/api/sessions").length).toBeGreaterThan(listed);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when ending a session fails with a 5xx, then the error is shown and the session stays listed", async () => {
    server.use(http.delete("/api/sessions/:id", failure(503, "store_unavailable")));
    const { user } = await openSessions();
    await user.click(screen.getByRole("button", { name: /^Sign out Safari 18 on iOS/ }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "We could not sign out that session (error 503).",
    );
    expect(rowNames()).toContain("Safari 18 on iOS");
  });

  it("when the list cannot be loaded, then it says so and Sign out everywhere is still offered", async () => {
    server.use(http.get("/api/sessions", failure(500, "internal_error")));
    gateway.signIn();
    renderApp("/sessions");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "We could not load your sessions (error 500).",
    );
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out everywhere" })).toBeInTheDocument();
  });

  it("when the list's body is not what the gateway promises, then it says the answer was unusable", async () => {
    server.use(
      http.get("/api/sessions", () =>
        HttpResponse.json({ sessions: [{ id: "x", current: "yes" }] }),
      ),
    );
    gateway.signIn();
    renderApp("/sessions");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "We could not load your sessions: the server's answer was not understood.",
    );
  });

  it("when Sign out everywhere is pressed, then it sends DELETE /api/sessions with X-CSRF, tells the other tabs and lands on /login", async () => {
    const { router, user } = await openSessions();
    const heard = listenAsAnotherTab();
    await user.click(screen.getByRole("button", { name: "Sign out everywhere" }));

    await expect(heard).resolves.toBe("signed-out");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
    expect(router.state.historyAction).toBe("REPLACE");
    const [everywhere] = requestsTo("DELETE", "/api/sessions");
    expect(everywhere?.headers.get("X-CSRF")).toBe("1");
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  it("when Sign out everywhere fails, then the error is shown and the page stays", async () => {
    server.use(http.delete("/api/sessions", failure(502, "upstream_unavailable")));
    const { router, user } = await openSessions();
    await user.click(screen.getByRole("button", { name: "Sign out everywhere" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "We could not sign you out everywhere (error 502).",
    );
    expect(currentUrl(router)).toBe("/sessions");
    expect(rowNames()).toHaveLength(4);
  });

  it("when this device's Sign out is pressed, then it signs out as the header's button does", async () => {
    const { router, user } = await openSessions();
    await user.click(screen.getByRole("button", { name: "Sign out of this device" }));

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
    expect(requestsTo("POST", "/auth/logout")).toHaveLength(1);
    expect(requestsTo("DELETE", "/api/sessions/current")).toHaveLength(0);
  });

  it("when signed out, then /sessions goes to the login page without asking for the list", async () => {
    const { router } = renderApp("/sessions");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Fsessions");
    expect(requestsTo("GET", "/api/sessions")).toHaveLength(0);
  });
});
