import type { HttpHandler } from "msw";
import type { MockContext } from "../context.js";
import { publicRoute } from "./respond.js";

/** GET /rate_limit and the API root: free to call, as on GitHub. */
export function metaHandlers(context: MockContext): HttpHandler[] {
  const api = context.apiUrl;
  return [
    publicRoute(context, "get", "/rate_limit", { countsAgainstLimit: false }, ({ rate }) => {
      const window = (limit: number) => ({ limit, used: 0, remaining: limit, reset: rate.reset });
      const core = {
        limit: rate.limit,
        used: rate.used,
        remaining: rate.remaining,
        reset: rate.reset,
      };
      return {
        status: 200,
        body: {
          resources: {
            core,
            search: window(30),
            graphql: window(rate.limit),
            integration_manifest: window(5000),
            code_search: window(10),
          },
          rate: core,
        },
      };
    }),

    publicRoute(context, "get", "", { countsAgainstLimit: false }, () => ({
      status: 200,
      body: {
        current_user_url: `${api}/user`,
        emails_url: `${api}/user/emails`,
        organization_url: `${api}/orgs/{org}`,
        rate_limit_url: `${api}/rate_limit`,
        repository_url: `${api}/repos/{owner}/{repo}`,
        user_url: `${api}/users/{user}`,
        user_organizations_url: `${api}/user/orgs`,
        user_repositories_url: `${api}/users/{user}/repos`,
        current_user_repositories_url: `${api}/user/repos{?type,page,per_page,sort}`,
      },
    })),
  ];
}
