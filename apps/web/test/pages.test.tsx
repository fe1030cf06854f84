import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { octocat, sessionFor } from "../src/mocks";
import { renderApp } from "./renderApp";
import { gateway } from "./server";

function field(list: HTMLElement, label: string): string | null {
  const term = within(list).getByText(label, { selector: "dt" });
  return term.nextElementSibling?.textContent ?? null;
}

describe("the profile page", () => {
  it("when signed in, then avatar, name, login, email and id are listed", async () => {
    gateway.signIn();
    renderApp("/profile");
    expect(await screen.findByRole("img", { name: "octocat's avatar" })).toHaveAttribute(
      "src",
      octocat.avatarUrl,
    );
    const list = screen.getByText("Login", { selector: "dt" }).closest("dl") as HTMLElement;
    expect(field(list, "Name")).toBe("The Octocat");
    expect(field(list, "Login")).toBe("octocat");
    expect(field(list, "Email")).toBe("octocat@github.example");
    expect(field(list, "ID")).toBe("583231");
  });

  it("when the user has no public email or avatar, then it says so", async () => {
    gateway.signIn(sessionFor({ ...octocat, email: null, avatarUrl: null, name: null }));
    renderApp("/profile");
    await screen.findByRole("heading", { name: "Your profile" });
    expect(screen.getByText("No public email")).toBeInTheDocument();
    expect(screen.getByText("No public name")).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });

  it("when the avatar URL is not http(s), then no image is rendered", async () => {
    gateway.signIn(sessionFor({ ...octocat, avatarUrl: "javascript:alert(1)" }));
    renderApp("/profile");
    await screen.findByRole("heading", { name: "Your profile" });
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });
});

describe("the not-found page", () => {
  it("when the path matches no route, then it shows Page not found", async () => {
    renderApp("/no/such/page");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  });
});
