import { screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GIVE_UP_AFTER_MS } from "../src/components/ServerProblem";
import { renderApp } from "./renderApp";
import { gateway, server } from "./server";

// What the dev server's proxy answers while the gateway is not listening yet (vite.config.ts:
// Vite's proxy writes a bare 502; other proxies send 503/504, often with an HTML page).
const proxyAnswers = {
  "a bare 502": () => new HttpResponse(null, { status: 502 }),
  "a 504 with an HTML page": () =>
    new HttpResponse("<html><body>Gateway Timeout</body></html>", {
      status: 504,
      headers: { "Content-Type": "text/html" },
    }),
  "a 503 with no body": () => new HttpResponse(null, { status: 503 }),
  "no answer at all": () => HttpResponse.error(),
};

afterEach(() => {
  vi.useRealTimers();
});

describe("when the gateway cannot say who is signed in", () => {
  it.each(Object.entries(proxyAnswers))(
    "when /api/me gets %s, then the app says the server is starting, never 'not signed in'",
    async (_, answer) => {
      server.use(http.get("/api/me", answer));
      renderApp("/");
      expect(await screen.findByText("Starting the server…")).toBeInTheDocument();
      expect(screen.queryByText(/not signed in/)).not.toBeInTheDocument();
      expect(screen.queryByRole("link", { name: /^Sign in/ })).not.toBeInTheDocument();
    },
  );

  it("when the gateway starts answering, then the page appears by itself", async () => {
    gateway.signIn();
    server.use(http.get("/api/me", proxyAnswers["a bare 502"], { once: true }));
    renderApp("/restricted");
    expect(await screen.findByText("Starting the server…")).toBeInTheDocument();
    expect(
      await screen.findByRole("heading", { name: "Hello, octocat in our restricted area!" }),
    ).toBeInTheDocument();
    expect(screen.queryByText("Starting the server…")).not.toBeInTheDocument();
  });

  it("when it is still not answering after a while, then it stops asking and offers Retry", async () => {
    server.use(http.get("/api/me", proxyAnswers["a bare 502"]));
    const { user } = renderApp("/restricted");
    expect(await screen.findByText("Starting the server…")).toBeInTheDocument();
    // Only the clock moves on; the retries themselves still run on real timers.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + GIVE_UP_AFTER_MS);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The server is not answering.");
    const asked = meCalls();

    server.resetHandlers();
    gateway.signIn();
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(
      await screen.findByRole("heading", { name: "Hello, octocat in our restricted area!" }),
    ).toBeInTheDocument();
    expect(meCalls()).toBe(asked + 1);
  });

  it("when /api/me answers 500, then the error code is shown, without details, in the shell", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ error: "server_error", message: "secret internals" }, { status: 500 }),
      ),
    );
    renderApp("/restricted");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The server had a problem (error code server_error).",
    );
    expect(document.body).not.toHaveTextContent(/secret internals|ApiError|at \w+ \(/);
    expect(screen.queryByText("Starting the server…")).not.toBeInTheDocument();
    // The shell stays, so the navigation is still there.
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("when the gateway itself answers 503 with its own error, then that is a problem, not a start", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ error: "store_unavailable", message: "x" }, { status: 503 }),
      ),
    );
    renderApp("/");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The server had a problem (error code store_unavailable).",
    );
  });

  it("when a 5xx has no JSON body, then its status is shown instead of a code", async () => {
    server.use(http.get("/api/me", () => new HttpResponse("oops", { status: 500 })));
    renderApp("/");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The server had a problem (HTTP 500).",
    );
  });

  it("when Retry is pressed after the gateway recovers, then the page loads", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/me", () => HttpResponse.json({ error: "server_error" }, { status: 500 }), {
        once: true,
      }),
    );
    const { user } = renderApp("/restricted");
    await user.click(await screen.findByRole("button", { name: "Retry" }));
    expect(
      await screen.findByRole("heading", { name: "Hello, octocat in our restricted area!" }),
    ).toBeInTheDocument();
  });
});

function meCalls(): number {
  return gateway.state.requests.filter((r) => new URL(r.url).pathname === "/api/me").length;
}
