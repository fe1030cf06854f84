import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { hasAnyScope } from "../oauth/scopes.js";
import type { SeedAccount, SeedRepo } from "../types.js";
import type { Caller } from "./auth.js";
import { pageReply } from "./pagination.js";
import { apiError, notFound, publicRoute, userRoute } from "./respond.js";
import { repository } from "./shapes.js";

const DOCS = {
  mine: "https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user",
  theirs: "https://docs.github.com/rest/repos/repos#list-repositories-for-a-user",
  one: "https://docs.github.com/rest/repos/repos#get-a-repository",
};

function owns(caller: Caller, owner: SeedAccount): boolean {
  return caller.kind === "user" && caller.account.id === owner.id;
}

/** Private repositories are only visible to their owner's tokens carrying `repo`. */
function canSeePrivate(caller: Caller, owner: SeedAccount): boolean {
  return (
    caller.kind === "user" && owns(caller, owner) && hasAnyScope(caller.token.scopes, ["repo"])
  );
}

type SortKey = "created" | "updated" | "pushed" | "full_name";
const SORT_FIELDS: Record<SortKey, (repo: SeedRepo) => string> = {
  created: (repo) => repo.createdAt,
  updated: (repo) => repo.updatedAt,
  pushed: (repo) => repo.pushedAt,
  full_name: (repo) => repo.name.toLowerCase(),
};

/** GitHub's `sort` and `direction`: full_name ascending by default, dates descending. */
function sortRepos(repos: readonly SeedRepo[], url: URL, defaultSort: SortKey): SeedRepo[] {
  const asked = url.searchParams.get("sort");
  const sort: SortKey = asked !== null && asked in SORT_FIELDS ? (asked as SortKey) : defaultSort;
  const askedDirection = url.searchParams.get("direction");
  const direction =
    askedDirection === "asc" || askedDirection === "desc"
      ? askedDirection
      : sort === "full_name"
        ? "asc"
        : "desc";
  const key = SORT_FIELDS[sort];
  const sorted = [...repos].sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
  return direction === "asc" ? sorted : sorted.reverse();
}

function listReply(
  context: MockContext,
  owner: SeedAccount,
  repos: SeedRepo[],
  url: URL,
  isOwner: boolean,
) {
  return pageReply(url, repos, (repo) => repository(context, owner, repo, isOwner));
}

export function repoHandlers(context: MockContext): HttpHandler[] {
  return [
    userRoute(
      context,
      "get",
      "/user/repos",
      { acceptedScopes: "", docs: DOCS.mine },
      ({ caller, url }) => {
        const query = url.searchParams;
        if (query.has("type") && (query.has("visibility") || query.has("affiliation"))) {
          return apiError(
            422,
            "If you specify visibility or affiliation, you cannot specify type.",
            DOCS.mine,
          );
        }
        const visibility = query.get("visibility") ?? query.get("type");
        const owner = caller.account;
        const repos = owner.repos.filter((repo) => {
          if (repo.private && !canSeePrivate(caller, owner)) return false;
          if (visibility === "public") return !repo.private;
          if (visibility === "private") return repo.private;
          return true;
        });
        return listReply(context, owner, sortRepos(repos, url, "full_name"), url, true);
      },
    ),

    publicRoute(
      context,
      "get",
      "/users/:login/repos",
      { docs: DOCS.theirs },
      ({ params, url, caller }) => {
        const owner = findAccount(context, params.login ?? "");
        if (!owner) return notFound(DOCS.theirs);
        const repos = owner.repos.filter((repo) => !repo.private);
        return listReply(
          context,
          owner,
          sortRepos(repos, url, "full_name"),
          url,
          owns(caller, owner),
        );
      },
    ),

    publicRoute(context, "get", "/repos/:owner/:repo", { docs: DOCS.one }, ({ params, caller }) => {
      const owner = findAccount(context, params.owner ?? "");
      const name = (params.repo ?? "").toLowerCase();
      const repo = owner?.repos.find((candidate) => candidate.name.toLowerCase() === name);
      // A private repository the caller may not see is a 404, so its existence does not leak.
      if (!owner || !repo || (repo.private && !canSeePrivate(caller, owner)))
        return notFound(DOCS.one);
      return { status: 200, body: repository(context, owner, repo, owns(caller, owner)) };
    }),
  ];
}
