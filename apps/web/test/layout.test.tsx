import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanup, screen } from "@testing-library/react";
import { delay, HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forgetSession } from "../src/auth";
import { renderApp } from "./renderApp";
import { gateway, server } from "./server";

// jsdom lays nothing out, but it does apply a stylesheet's declarations to getComputedStyle:
// enough to check which elements take part in the flow and that the header's height is fixed.
const css = readFileSync(join(import.meta.dirname, "../src/styles.css"), "utf8");
let sheet: HTMLStyleElement;
beforeEach(() => {
  sheet = document.createElement("style");
  sheet.textContent = css;
  document.head.append(sheet);
});
afterEach(() => sheet.remove());

const header = () => document.querySelector(".site-header") as HTMLElement;

describe("the layout", () => {
  it("when the first session check is slow, then the shell and a skeleton render, not a blank page", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.get("/api/me", async () => {
        await answered;
        return HttpResponse.json({ error: "unauthenticated" }, { status: 401 });
      }),
    );
    renderApp("/");
    expect(await screen.findByRole("link", { name: "Latchkey" })).toBeInTheDocument();
    expect(screen.getByRole("banner")).toBe(header());
    expect(document.querySelector("main.skeleton")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Loading…");
    // Neutral: neither "Sign in" nor a user until the gateway has said which.
    expect(screen.queryByRole("link", { name: "Sign in" })).not.toBeInTheDocument();
    expect(screen.queryByText(/not signed in/)).not.toBeInTheDocument();

    answer();
    expect(await screen.findByText(/You are not signed in/)).toBeInTheDocument();
    expect(document.querySelector("main.skeleton")).not.toBeInTheDocument();
  });

  it("when signed out and when signed in, then the header has the same fixed height", async () => {
    renderApp("/");
    await screen.findByText(/You are not signed in/);
    const signedOut = getComputedStyle(header()).height;
    cleanup();
    forgetSession();

    gateway.signIn();
    renderApp("/");
    await screen.findByRole("button", { name: "Sign out" });
    expect(signedOut).toBe("56px");
    expect(getComputedStyle(header()).height).toBe(signedOut);
    expect(getComputedStyle(header()).flexWrap).toBe("nowrap");
  });

  it("when a page is loading, then the Loading… bar is laid over the page, out of the flow", async () => {
    gateway.signIn();
    server.use(
      http.get("/api/github/user/repos", async () => {
        await delay("infinite");
        return HttpResponse.json([]);
      }),
    );
    const { user } = renderApp("/restricted");
    await screen.findByRole("heading", { name: /restricted area/ });
    await user.click(screen.getByRole("link", { name: "Repositories" }));
    const bar = await screen.findByText("Loading…");
    expect(getComputedStyle(bar).position).toBe("fixed");
  });
});
