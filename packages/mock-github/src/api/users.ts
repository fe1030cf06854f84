import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { hasAnyScope } from "../oauth/scopes.js";
import { pageReply } from "./pagination.js";
import { notFound, publicRoute, userRoute } from "./respond.js";
import { privateUser, publicUser } from "./shapes.js";

const DOCS = {
  user: "https://docs.github.com/rest/users/users#get-the-authenticated-user",
  emails:
    "https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user",
  byLogin: "https://docs.github.com/rest/users/users#get-a-user",
};

export function userHandlers(context: MockContext): HttpHandler[] {
  return [
    userRoute(context, "get", "/user", { acceptedScopes: "", docs: DOCS.user }, ({ caller }) => ({
      status: 200,
      body: privateUser(context, caller.account),
    })),

    // Without user:email (or user) GitHub hides the endpoint: 404, not 403.
    userRoute(
      context,
      "get",
      "/user/emails",
      { acceptedScopes: "user, user:email", docs: DOCS.emails },
      ({ caller, url }) => {
        if (!hasAnyScope(caller.token.scopes, ["user:email"])) return notFound(DOCS.emails);
        return pageReply(url, caller.account.emails);
      },
    ),

    publicRoute(context, "get", "/users/:login", { docs: DOCS.byLogin }, ({ params }) => {
      const account = findAccount(context, params.login ?? "");
      return account ? { status: 200, body: publicUser(context, account) } : notFound(DOCS.byLogin);
    }),
  ];
}
