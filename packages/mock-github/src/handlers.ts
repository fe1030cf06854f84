import { type HttpHandler, http } from "msw";
import { applicationHandlers } from "./api/applications.js";
import { apiFallbackHandlers } from "./api/fallback.js";
import { metaHandlers } from "./api/meta.js";
import { orgHandlers } from "./api/orgs.js";
import { repoHandlers } from "./api/repos.js";
import { userHandlers } from "./api/users.js";
import { avatarHandlers } from "./avatars.js";
import type { MockContext } from "./context.js";
import { deviceAdminHandlers } from "./device/admin.js";
import { deviceHandlers } from "./device/handlers.js";
import { faultAdminHandlers } from "./faults/admin.js";
import { faultHandler } from "./faults/handler.js";
import { googleDriveHandlers } from "./google-api/drive.js";
import { authorizeHandlers } from "./oauth/authorize.js";
import { errorPage } from "./oauth/html.js";
import { tokenHandlers } from "./oauth/token.js";
import { oidcHandlers } from "./oidc/handlers.js";
import { sitePageHandlers } from "./site-pages.js";

/**
 * Every handler of one mock, in matching order: the fault switches (not recorded, so tests
 * count only GitHub's traffic), the recorder, the fault layer, GitHub's routes, the catch-alls.
 */
export function createHandlers(context: MockContext): HttpHandler[] {
  const routes = routeHandlers(context);
  return [
    ...faultAdminHandlers(context),
    ...deviceAdminHandlers(context),
    // Returns nothing, so msw moves on to the handler that answers.
    http.all(`${context.baseUrl}/*`, ({ request }) => {
      const url = new URL(request.url);
      context.state.requests.push({ method: request.method, url: url.href, path: url.pathname });
    }),
    faultHandler(context, routes),
    ...routes,
  ];
}

/** GitHub as it behaves when nothing is wrong. */
function routeHandlers(context: MockContext): HttpHandler[] {
  return [
    ...authorizeHandlers(context),
    ...tokenHandlers(context),
    ...deviceHandlers(context),
    ...oidcHandlers(context),
    ...googleDriveHandlers(context),
    ...avatarHandlers(context),
    ...userHandlers(context),
    ...repoHandlers(context),
    ...orgHandlers(context),
    ...applicationHandlers(context),
    ...metaHandlers(context),
    ...apiFallbackHandlers(context),
    ...sitePageHandlers(context),
    // Anything else on the host is a 404 page, so no request to it goes unanswered.
    http.all(`${context.baseUrl}/*`, () =>
      errorPage(404, "Not Found", "This page does not exist on the mock GitHub."),
    ),
  ];
}
