import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { currentUrl, renderApp } from "./renderApp";
import { gateway } from "./server";

const pathOf = (request: Request) => new URL(request.url).pathname;

describe("a deep link opened signed out", () => {
  it("when /repos?page=2 is opened signed out, then /api/me is asked once and GitHub never", async () => {
    const { router } = renderApp("/repos?page=2");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login?returnTo=%2Frepos%3Fpage%3D2");
    const paths = gateway.state.requests.map(pathOf);
    expect(paths.filter((path) => path === "/api/me")).toHaveLength(1);
    expect(paths.filter((path) => path.startsWith("/api/github"))).toEqual([]);
  });

  it.each(["/sessions", "/drive", "/restricted"])(
    "when %s is opened signed out, then only /api/me and the sign-in options are asked",
    async (path) => {
      renderApp(path);
      await screen.findByRole("heading", { name: "Sign in" });
      expect(gateway.state.requests.map(pathOf).sort()).toEqual(["/api/me", "/auth/providers"]);
    },
  );
});
