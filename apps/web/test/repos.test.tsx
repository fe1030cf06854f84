import { screen, within } from "@testing-library/react";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { apisFor, googler, sessionFor } from "../src/mocks";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

describe("the repositories page", () => {
  it("when on page 1, then ten repos link to GitHub, with Next but no Previous", async () => {
    gateway.signIn();
    renderApp("/repos");
    const first = await screen.findByRole("link", { name: "octocat/repo-01" });
    expect(first).toHaveAttribute("href", "https://github.com/octocat/repo-01");
    expect(screen.getAllByRole("link", { name: /^octocat\/repo-/ })).toHaveLength(10);
    expect(screen.getByText("Page 1 of 4")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Previous" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Next" })).toHaveAttribute("href", "/repos?page=2");
  });

  it("when following Next, then page 2 is in the URL with Previous and Next", async () => {
    gateway.signIn();
    const { router, user } = renderApp("/repos?page=1");
    await user.click(await screen.findByRole("link", { name: "Next" }));
    expect(await screen.findByText("Page 2 of 4")).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/repos?page=2");
    expect(screen.getByRole("link", { name: "octocat/repo-11" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Previous" })).toHaveAttribute("href", "/repos?page=1");
    expect(screen.getByRole("link", { name: "Next" })).toHaveAttribute("href", "/repos?page=3");
  });

  it("when asking GitHub, then the query is per_page=10, the page and a stable sort", async () => {
    gateway.signIn();
    renderApp("/repos?page=2");
    await screen.findByText("Page 2 of 4");
    const request = gateway.state.requests.find((r) => r.url.includes("/api/github/"));
    expect(new URL(request?.url ?? "").search).toBe("?per_page=10&page=2&sort=full_name");
    expect(request?.headers.get("X-CSRF")).toBe("1");
  });

  it("when on the last page, then there is Previous but no Next", async () => {
    gateway.signIn();
    renderApp("/repos?page=4");
    expect(await screen.findByText("Page 4 of 4")).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: /^octocat\/repo-/ })).toHaveLength(5);
    expect(screen.getByRole("link", { name: "Previous" })).toHaveAttribute("href", "/repos?page=3");
    expect(screen.queryByRole("link", { name: "Next" })).not.toBeInTheDocument();
  });

  it.each(["abc", "0", "-3", "2.5", ""])("when ?page=%j, then page 1 is shown", async (page) => {
    gateway.signIn();
    renderApp(`/repos?page=${page}`);
    expect(await screen.findByText("Page 1 of 4")).toBeInTheDocument();
  });

  it("when everything fits on one page, then it is page 1 of 1 with no controls", async () => {
    gateway.signIn();
    gateway.state.repos = gateway.state.repos.slice(0, 3);
    renderApp("/repos");
    expect(await screen.findByText("Page 1 of 1")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Previous|Next/ })).not.toBeInTheDocument();
  });

  it("when the page is past the end, then it offers the first page", async () => {
    gateway.signIn();
    renderApp("/repos?page=9");
    expect(await screen.findByText(/no repositories on page 9/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the first page" })).toHaveAttribute(
      "href",
      "/repos?page=1",
    );
  });

  it("when GitHub fails, then an error with Try again is shown, and retrying recovers", async () => {
    gateway.signIn();
    server.use(
      http.get(
        "/api/github/user/repos",
        () => HttpResponse.json({ message: "Server Error" }, { status: 502 }),
        { once: true },
      ),
    );
    const { user } = renderApp("/repos");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("We could not load your repositories (error 502).");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Page 1 of 4")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when GitHub's rate limit is hit, then the message says so", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/github/user/repos", () =>
        HttpResponse.json({ message: "API rate limit exceeded for user ID 1." }, { status: 403 }),
      ),
    );
    renderApp("/repos");
    expect(await screen.findByRole("alert")).toHaveTextContent("GitHub's rate limit was reached");
  });

  it("when the gateway refuses the session's provider, then the page says GitHub is needed and offers no Try again", async () => {
    // `apis` offers GitHub (an older gateway, say), but the gateway refuses the Google session.
    gateway.signIn({ ...sessionFor(googler), apis: apisFor("github") });
    server.use(
      http.get("/api/github/user/repos", () =>
        HttpResponse.json(
          {
            error: "wrong_provider",
            message: "The GitHub API is available to people signed in with GitHub.",
          },
          { status: 403 },
        ),
      ),
    );
    renderApp("/repos");
    expect(
      await screen.findByRole("heading", { name: "Not available for your sign-in provider" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in with GitHub" })).toHaveAttribute(
      "href",
      "/auth/github/login?returnTo=%2Frepos",
    );
    expect(screen.getByRole("button", { name: "Sign out of Google" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("when the session ended before the GitHub call, then it is back to login with returnTo", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/github/user/repos", () => {
        gateway.signOut();
        return HttpResponse.json({ error: "unauthenticated", message: "Sign in" }, { status: 401 });
      }),
    );
    const { router } = renderApp("/repos?page=3");
    await screen.findByRole("heading", { name: "Sign in" });
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frepos%3Fpage%3D3");
  });

  it("when GitHub calls get 401 while /api/me still says signed in, then an error shows, not a loop", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/github/user/repos", () =>
        HttpResponse.json({ error: "unauthenticated", message: "Sign in" }, { status: 401 }),
      ),
    );
    const { router } = renderApp("/repos");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "GitHub did not accept your session",
    );
    expect(currentUrl(router)).toBe("/repos");
  });

  it("when a page is loading, then a Loading… status is shown", async () => {
    gateway.signIn();
    const { user } = renderApp("/repos");
    const next = await screen.findByRole("link", { name: "Next" });
    server.use(
      http.get("/api/github/user/repos", async () => {
        await delay(100);
        return HttpResponse.json([]);
      }),
    );
    await user.click(next);
    expect(screen.getByRole("status")).toHaveTextContent("Loading…");
    expect(await screen.findByText(/no repositories on page 2/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("");
  });
});
