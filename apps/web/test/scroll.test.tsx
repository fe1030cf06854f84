import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "./renderApp";
import { gateway } from "./server";

function scrolledTo(y: number) {
  Object.defineProperty(window, "scrollY", { value: y, configurable: true });
  fireEvent.scroll(window);
}

const { scrollIntoView } = HTMLElement.prototype;

afterEach(() => {
  HTMLElement.prototype.scrollIntoView = scrollIntoView;
  Object.defineProperty(window, "scrollY", { value: 0, configurable: true });
  vi.restoreAllMocks();
});

describe("the page's scroll position", () => {
  it("when following Next from the bottom of a page, then the next page starts at its top", async () => {
    gateway.signIn();
    const scrollTo = vi.spyOn(window, "scrollTo");
    const { user } = renderApp("/repos");
    const next = await screen.findByRole("link", { name: "Next" });
    scrolledTo(900);
    scrollTo.mockClear();
    await user.click(next);
    await screen.findByText("Page 2 of 4");
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
  });

  it("when going Back, then the reader is where they were on that page", async () => {
    gateway.signIn();
    const scrollTo = vi.spyOn(window, "scrollTo");
    const { router, user } = renderApp("/repos");
    const next = await screen.findByRole("link", { name: "Next" });
    scrolledTo(420);
    await user.click(next);
    await screen.findByText("Page 2 of 4");
    scrollTo.mockClear();
    await router.navigate(-1);
    await screen.findByText("Page 1 of 4");
    expect(scrollTo).toHaveBeenLastCalledWith(0, 420);
  });

  it("when a link names a #fragment, then that element is scrolled into view, not the top", async () => {
    gateway.signIn();
    const scrollTo = vi.spyOn(window, "scrollTo");
    const intoView = vi.fn();
    HTMLElement.prototype.scrollIntoView = intoView;
    const { router } = renderApp("/");
    await screen.findByRole("heading", { name: "Latchkey", level: 1 });
    scrollTo.mockClear();
    await router.navigate("/restricted#main");
    await screen.findByRole("heading", { name: /restricted area/ });
    expect(intoView).toHaveBeenCalled();
    expect(intoView.mock.contexts.at(-1)).toBe(document.getElementById("main"));
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it("when the #fragment is not valid percent-encoding, then the page starts at its top", async () => {
    gateway.signIn();
    const scrollTo = vi.spyOn(window, "scrollTo");
    const { router } = renderApp("/");
    await screen.findByRole("heading", { name: "Latchkey", level: 1 });
    await router.navigate("/restricted#%E0%A4%A");
    await screen.findByRole("heading", { name: /restricted area/ });
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
  });

  it("when the app first opens, then the browser's own position is left alone", async () => {
    const scrollTo = vi.spyOn(window, "scrollTo");
    renderApp("/");
    await screen.findByRole("heading", { name: "Latchkey", level: 1 });
    expect(scrollTo).not.toHaveBeenCalled();
  });
});
