import { screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
// Recorded, not followed: test/setup.ts mocks it.
import { leaveApp } from "../src/auth/leaveApp";
import { listenAsAnotherTab } from "./otherTab";
import { currentUrl, renderApp } from "./renderApp";
import { gateway, server } from "./server";

const END_SESSION_URL =
  "https://accounts.example/oidc/session/end?id_token_hint=x&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fexample%2Flogged-out&state=s";

/** Signed in on /restricted, another tab listening: presses the header's Sign out. */
async function signOut() {
  gateway.signIn();
  const app = renderApp("/restricted");
  const heard = listenAsAnotherTab();
  await app.user.click(await screen.findByRole("button", { name: "Sign out" }));
  return { ...app, heard };
}

describe("signing out where the provider's session ends too", () => {
  it("when the gateway answers with an endSessionUrl, then the other tabs are told and the browser goes there", async () => {
    gateway.state.endSessionUrl = END_SESSION_URL;
    const { heard, router } = await signOut();

    await expect(heard).resolves.toBe("signed-out");
    await vi.waitFor(() => expect(leaveApp).toHaveBeenCalledWith(END_SESSION_URL));
    expect(leaveApp).toHaveBeenCalledTimes(1);
    // Back from the provider's page lands on the login page, not on a signed-in one.
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
  });

  it("when the gateway answers 204, then the app goes to /login and the browser stays", async () => {
    const { heard, router } = await signOut();

    await expect(heard).resolves.toBe("signed-out");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
    expect(leaveApp).not.toHaveBeenCalled();
  });

  it("when the endSessionUrl is not http(s), then the browser is never sent there", async () => {
    gateway.state.endSessionUrl = "javascript:alert(1)";
    await signOut();

    // The session has ended at the gateway all the same, so the header forgets the user.
    expect(await screen.findByRole("link", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Something went wrong" })).toBeInTheDocument();
    expect(leaveApp).not.toHaveBeenCalled();
  });

  it("when the session had ended already (401), then signing out goes to /login here only", async () => {
    server.use(
      http.post("/auth/logout", () => {
        gateway.signOut();
        return HttpResponse.json(
          { error: "unauthenticated", message: "Sign in first." },
          { status: 401 },
        );
      }),
    );
    const { router } = await signOut();
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl(router)).toBe("/login");
    expect(leaveApp).not.toHaveBeenCalled();
  });
});

describe("coming back from the provider's sign-out", () => {
  it("when the login page has notice=provider_signed_out, then it says both sign-outs happened", async () => {
    renderApp("/login?notice=provider_signed_out");
    expect(
      await screen.findByText("You signed out here and at your sign-in provider."),
    ).toHaveAttribute("role", "status");
    expect(screen.getByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
  });

  it("when the notice is one the app does not know, then nothing is said", async () => {
    renderApp("/login?notice=provider_signed_out_elsewhere");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(screen.queryByText(/signed out/)).not.toBeInTheDocument();
  });
});
