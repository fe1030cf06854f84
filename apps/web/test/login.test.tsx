import { screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { renderApp } from "./renderApp";
import { gateway, server } from "./server";

const EXPIRED = "Your sign-in expired or was started in another tab. Please try again.";
const PROVIDER = "The sign-in provider could not complete the sign-in. Please try again.";
const UNREACHABLE = "We could not reach the sign-in provider. Please try again in a moment.";
const GENERIC = "Something went wrong while signing in.";

describe("the login page", () => {
  it.each([
    ["access_denied", "Sign-in was cancelled."],
    ["state_mismatch", EXPIRED],
    ["transaction_missing", EXPIRED],
    ["transaction_expired", EXPIRED],
    ["transaction_used", "This sign-in was already completed or attempted. Please sign in again."],
    ["provider_error", PROVIDER],
    ["invalid_response", PROVIDER],
    ["invalid_callback", PROVIDER],
    ["invalid_id_token", PROVIDER],
    ["issuer_mismatch", PROVIDER],
    ["session_too_large", "Your profile is too large to keep in a session."],
    ["rate_limited", "Too many sign-in attempts. Please wait a minute and try again."],
    ["not_allowed", "Your account is not allowed to sign in here."],
    [
      "store_unavailable",
      "Sign-in is briefly unavailable on our side. Please try again in a moment.",
    ],
    ["network_error", UNREACHABLE],
    ["timeout", UNREACHABLE],
    ["server_error", GENERIC],
    ["something_new", GENERIC],
    // Names every object has must not select a text (or crash the page).
    ["toString", GENERIC],
    ["constructor", GENERIC],
    ["__proto__", GENERIC],
  ])("when ?error=%s, then it says %j", async (code, message) => {
    renderApp(`/login?error=${code}`);
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });

  it("when the error code carries markup, then only the generic text is shown", async () => {
    const code = encodeURIComponent('<img src=x onerror="alert(1)"><b>pwned</b>');
    const { container } = renderApp(`/login?error=${code}`);
    expect(await screen.findByRole("alert")).toHaveTextContent(GENERIC);
    expect(container.querySelector("img, b")).toBeNull();
    expect(screen.queryByText(/pwned/)).not.toBeInTheDocument();
  });

  it("when a cancelled sign-in comes back with its returnTo, then the buttons start the next one with it", async () => {
    renderApp(`/login?error=access_denied&returnTo=${encodeURIComponent("/repos?page=2")}`);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sign-in was cancelled.");
    const link = screen.getByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute("href", "/auth/github/login?returnTo=%2Frepos%3Fpage%3D2");
  });

  it("when there is no error, then no alert is shown", async () => {
    renderApp("/login");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/.//evil.example",
    "/login?returnTo=%2F",
    // The gateway refuses these too, so the page never promises a place the sign-in will not go.
    "/%2f%2fevil.example",
    "/%5cevil.example",
    `/${"a".repeat(3000)}`,
    "/Login",
    "/a/../login",
  ])("when returnTo is %j, then the sign-in link returns to /", async (returnTo) => {
    renderApp(`/login?returnTo=${encodeURIComponent(returnTo)}`);
    const link = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute("href", "/auth/github/login?returnTo=%2F");
  });

  it("when returnTo is a local path, then the sign-in link keeps it", async () => {
    renderApp(`/login?returnTo=${encodeURIComponent("/repos?page=3#top")}`);
    const link = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute("href", "/auth/github/login?returnTo=%2Frepos%3Fpage%3D3%23top");
  });

  it("when returnTo has dot segments, then the sign-in link carries the path they resolve to, as the gateway will", async () => {
    renderApp(`/login?returnTo=${encodeURIComponent("/a/../repos?page=3")}`);
    const link = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(link).toHaveAttribute("href", "/auth/github/login?returnTo=%2Frepos%3Fpage%3D3");
  });

  it("when the gateway offers two providers, then there is one sign-in link each", async () => {
    gateway.state.providers = [
      { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
      { id: "google", name: "Google", loginUrl: "/auth/google/login", api: null },
    ];
    renderApp("/login");
    expect(await screen.findByRole("link", { name: "Sign in with Google" })).toHaveAttribute(
      "href",
      "/auth/google/login?returnTo=%2F",
    );
    expect(screen.getByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
  });

  it("when a provider's loginUrl points elsewhere, then the conventional path is used", async () => {
    gateway.state.providers = [
      { id: "github", name: "GitHub", loginUrl: "https://evil.example/auth", api: "/api/github" },
    ];
    renderApp("/login");
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2F",
    );
  });

  it("when the provider list answers 500, then the page shows the error code and Retry, and invents no provider", async () => {
    server.use(
      http.get(
        "/auth/providers",
        () => HttpResponse.json({ error: "server_error", message: "boom" }, { status: 500 }),
        { once: true },
      ),
    );
    const { user } = renderApp("/login");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The server had a problem (error code server_error).");
    expect(screen.queryByRole("link", { name: /^Sign in with/ })).not.toBeInTheDocument();
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("link", { name: "Sign in with Google" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when the provider list cannot be reached, then the page says the server is starting, not a GitHub button", async () => {
    server.use(http.get("/auth/providers", () => HttpResponse.error(), { once: true }));
    renderApp("/login");
    expect(await screen.findByText("Starting the server…")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /^Sign in with/ })).not.toBeInTheDocument();
    // It asks again by itself a second or two later.
    expect(
      await screen.findByRole("link", { name: "Sign in with GitHub" }, { timeout: 5_000 }),
    ).toBeInTheDocument();
  });
});
