import type { HttpHandler } from "msw";
import type { MockContext } from "../context.js";
import { hasAnyScope } from "../oauth/scopes.js";
import type { SeedOrg } from "../types.js";
import { pageReply } from "./pagination.js";
import { userRoute } from "./respond.js";
import { organization } from "./shapes.js";

const DOCS = "https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user";

export function orgHandlers(context: MockContext): HttpHandler[] {
  return [
    // Private memberships only show to tokens that may read orgs; the rest see public ones.
    userRoute(
      context,
      "get",
      "/user/orgs",
      { acceptedScopes: "admin:org, read:org, repo, user, write:org", docs: DOCS },
      ({ caller, url }) => {
        const seePrivate = hasAnyScope(caller.token.scopes, ["read:org", "user"]);
        const orgs = caller.account.orgs
          .filter((membership) => membership.public || seePrivate)
          .map((membership) => context.orgs.get(membership.login.toLowerCase()))
          .filter((org): org is SeedOrg => org !== undefined);
        return pageReply(url, orgs, (org) => organization(context, org));
      },
    ),
  ];
}
