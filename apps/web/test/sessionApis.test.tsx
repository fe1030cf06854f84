import { screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { googler, octocat, sessionFor } from "../src/mocks";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

const google = () => sessionFor(googler);

function requestsTo(prefix: string): Request[] {
  return gateway.state.requests.filter((r) => new URL(r.url).pathname.startsWith(prefix));
}

function nav(): HTMLElement {
  return screen.getByRole("navigation", { name: "Main" });
}

describe("pages by the session's APIs", () => {
  it("when signed in with GitHub, then Repositories is offered and Drive is not", async () => {
    gateway.signIn();
    renderApp("/");
    const cards = await screen.findByRole("link", { name: "Your repositories" });
    expect(cards).toHaveAttribute("href", "/repos");
    expect(within(nav()).getByRole("link", { name: "Repositories" })).toHaveAttribute(
      "href",
      "/repos",
    );
    expect(within(nav()).queryByRole("link", { name: "Drive files" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Your Drive files" })).not.toBeInTheDocument();
    expect(await screen.findByText(/Your GitHub token stays on the server/)).toBeInTheDocument();
  });

  it("when signed in with Google, then Drive is offered, Repositories is not, and no text says GitHub", async () => {
    gateway.signIn(google());
    renderApp("/");
    expect(await screen.findByRole("link", { name: "Your Drive files" })).toHaveAttribute(
      "href",
      "/drive",
    );
    expect(within(nav()).getByRole("link", { name: "Drive files" })).toHaveAttribute(
      "href",
      "/drive",
    );
    expect(within(nav()).queryByRole("link", { name: "Repositories" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Your repositories" })).not.toBeInTheDocument();
    expect(await screen.findByText(/Your Google token stays on the server/)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/GitHub/);
  });

  it("when signed in with Google and opening Drive files, then the files come from /api/google/drive/v3/files", async () => {
    gateway.signIn(google());
    const { user } = renderApp("/");
    await screen.findByRole("link", { name: "Your Drive files" });
    await user.click(within(nav()).getByRole("link", { name: "Drive files" }));
    expect(await screen.findByRole("heading", { name: "Your Drive files" })).toBeInTheDocument();
    const main = screen.getByRole("main");
    const files = within(main)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(files).toEqual(["Welcome to DrivePDF", "ada's notesDocument"]);
    const [request, ...more] = requestsTo("/api/google/");
    expect(more).toHaveLength(0);
    expect(new URL(request?.url ?? "").pathname).toBe("/api/google/drive/v3/files");
    expect(request?.headers.get("X-CSRF")).toBe("1");
    expect(requestsTo("/api/github/")).toHaveLength(0);
    expect(document.body).not.toHaveTextContent(/GitHub/);
  });

  it("when signed in with Google and opening /repos, then it is not available, and GitHub is never asked", async () => {
    gateway.signIn(google());
    renderApp("/repos");
    expect(
      await screen.findByRole("heading", { name: "Not available for your sign-in provider" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Your repositories come from GitHub/)).toHaveTextContent(
      "you signed in with Google",
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(requestsTo("/api/github/")).toHaveLength(0);
  });

  it("when signed in with GitHub and opening /drive, then it is not available, and Google is never asked", async () => {
    gateway.signIn();
    renderApp("/drive");
    expect(
      await screen.findByRole("heading", { name: "Not available for your sign-in provider" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Your Drive files come from Google/)).toBeInTheDocument();
    expect(requestsTo("/api/google/")).toHaveLength(0);
  });

  it("when a page needs another provider, then it offers signing in with that one or signing out, never Try again", async () => {
    gateway.signIn(google());
    const { user } = renderApp("/repos?page=2");
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2Frepos%3Fpage%3D2",
    );
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
    // The header keeps its own "Sign out"; this one is named for the provider it ends.
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sign out of Google" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
  });

  it("when /api/me's apis is malformed, then the session has no API pages and nothing breaks", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ ...sessionFor(octocat), apis: { github: "/api/github" } }),
      ),
    );
    const { router } = renderApp("/");
    expect(await screen.findByText(/Signed in as/, { selector: "p" })).toHaveTextContent(
      "Signed in as octocat.",
    );
    expect(within(nav()).queryByRole("link", { name: "Repositories" })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole("link", { name: "Drive files" })).not.toBeInTheDocument();
    await router.navigate("/repos");
    expect(
      await screen.findByRole("heading", { name: "Not available for your sign-in provider" }),
    ).toBeInTheDocument();
    expect(requestsTo("/api/github/")).toHaveLength(0);
  });

  it("when the session is another provider's, then the footer names it as /api/me does", async () => {
    gateway.signIn({
      ...sessionFor({ ...octocat, provider: "okta" }),
      providerName: "Okta",
      apis: [],
    });
    renderApp("/restricted");
    await screen.findByRole("heading", { name: /restricted area/ });
    expect(screen.getByRole("contentinfo")).toHaveTextContent(
      "Your Okta token stays on the server",
    );
    expect(document.body).not.toHaveTextContent(/GitHub|Google/);
  });
});

describe("the Drive files page", () => {
  it("when the Drive call fails, then an error with Try again is shown, and retrying recovers", async () => {
    gateway.signIn(google());
    server.use(
      http.get(
        "/api/google/drive/v3/files",
        () => HttpResponse.json({ error: "upstream_error", message: "Bad" }, { status: 502 }),
        { once: true },
      ),
    );
    const { user } = renderApp("/drive");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("We could not load your Drive files (error 502).");
    expect(alert).not.toHaveTextContent("Bad");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Welcome to Drive")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when the session ended before the Drive call, then it is back to login with returnTo", async () => {
    gateway.signIn(google());
    server.use(
      http.get("/api/google/drive/v3/files", () => {
        gateway.signOut();
        return HttpResponse.json({ error: "unauthenticated", message: "Sign in" }, { status: 401 });
      }),
    );
    const { router } = renderApp("/drive");
    await screen.findByRole("heading", { name: "Sign in" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Fdrive");
  });

  it("when Drive calls get 401 while /api/me still says signed in, then an error shows, not a loop", async () => {
    gateway.signIn(google());
    server.use(
      http.get("/api/google/drive/v3/files", () =>
        HttpResponse.json({ error: "unauthenticated", message: "Sign in" }, { status: 401 }),
      ),
    );
    const { router } = renderApp("/drive");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Google did not accept your session",
    );
    expect(currentUrl(router)).toBe("/drive");
  });

  it("when Drive has no files, then it says so", async () => {
    gateway.signIn(google());
    gateway.state.driveFiles = [];
    renderApp("/drive");
    expect(await screen.findByText("Your Drive has no files yet.")).toBeInTheDocument();
  });

  it("when a file in Drive's answer has no name, then the page shows an error, not a broken list", async () => {
    gateway.signIn(google());
    server.use(
      http.get("/api/google/drive/v3/files", () =>
        HttpResponse.json({ files: [{ id: "1", mimeType: "application/pdf" }] }),
      ),
    );
    renderApp("/drive");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "We could not load your Drive files.",
    );
  });

  it("when signed out and opening /drive, then the login page remembers /drive", async () => {
    const { router } = renderApp("/drive");
    await screen.findByRole("heading", { name: "Sign in" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Fdrive");
    expect(requestsTo("/api/google/")).toHaveLength(0);
  });
});
