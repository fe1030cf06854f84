import type { AccessDecision } from "../../access.js";
import type { RequestContext } from "../../http.js";
import { assertJsonArray, assertJsonObject, readString } from "../../parse.js";
import { apiGet } from "./api.js";

/** Organizations and teams can be long lists; GitHub caps a page at 100. */
const MAX_PAGES = 10;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * GitHub's own access rules, `orgs` and `teams`, from the token's own view of the person's
 * memberships: private ones are visible only with the `read:org` scope. Reads `/user/orgs` and
 * `/user/teams` only for a rule that lists something (at most 10 pages of 100 each), as
 * idempotent reads.
 */
export async function checkGitHubMemberships(
  ctx: RequestContext,
  apiUrl: string,
  accessToken: string,
  lists: ReadonlyMap<string, readonly string[]>,
): Promise<AccessDecision> {
  const orgs = lists.get("orgs") ?? [];
  const teams = lists.get("teams") ?? [];
  if (orgs.length > 0) {
    const mine = await listAll(ctx, `${apiUrl}/user/orgs`, accessToken, (entry, status) =>
      readString(entry, "login", status),
    );
    if (mine.some((org) => orgs.some((wanted) => same(org, wanted)))) {
      return { allowed: true, via: "orgs" };
    }
  }
  if (teams.length > 0) {
    const mine = await listAll(ctx, `${apiUrl}/user/teams`, accessToken, (entry, status) => {
      const organization = entry.organization;
      assertJsonObject(organization, status, "a team's organization");
      return `${readString(organization, "login", status)}/${readString(entry, "slug", status)}`;
    });
    if (mine.some((team) => teams.some((wanted) => same(team, wanted)))) {
      return { allowed: true, via: "teams" };
    }
  }
  return { allowed: false };
}

async function listAll(
  ctx: RequestContext,
  url: string,
  accessToken: string,
  pick: (entry: Record<string, unknown>, status: number) => string,
): Promise<string[]> {
  const found: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await apiGet(ctx, `${url}?per_page=100&page=${page}`, accessToken);
    const body = response.json();
    assertJsonArray(body, response.status, "the list");
    for (const entry of body) {
      assertJsonObject(entry, response.status, "a list entry");
      found.push(pick(entry, response.status));
    }
    if (body.length < 100) break;
  }
  return found;
}
