import { screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { renderApp } from "./renderApp";
import { gateway, server } from "./server";

describe("the error boundary", () => {
  it("when /api/me answers 500, then a friendly error replaces the page, without details", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ error: "server_error", message: "secret internals" }, { status: 500 }),
      ),
    );
    renderApp("/restricted");
    expect(
      await screen.findByRole("heading", { name: "Something went wrong" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/restricted");
    expect(document.body).not.toHaveTextContent(/secret internals|ApiError|at \w+ \(/);
    // The error renders inside the shell, so the navigation stays usable.
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("when Try again is pressed after the gateway recovers, then the page loads", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/me", () => HttpResponse.json({ error: "server_error" }, { status: 500 }), {
        once: true,
      }),
    );
    const { user } = renderApp("/restricted");
    await user.click(await screen.findByRole("link", { name: "Try again" }));
    expect(
      await screen.findByRole("heading", { name: "Hello, octocat in our restricted area!" }),
    ).toBeInTheDocument();
  });
});
