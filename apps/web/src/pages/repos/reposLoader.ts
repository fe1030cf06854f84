import type { LoaderFunctionArgs } from "react-router";
import { ApiError, githubGet, providerApi, type RateLimit } from "../../api";
import { requireUser, signInAgainIfSignedOut } from "../../auth";
import { pageOf, parsePage, parseRepos, type Repo } from "./repos";

export const REPOS_PER_PAGE = 10;

export type ReposData =
  | {
      state: "loaded";
      page: number;
      repos: Repo[];
      hasPrevious: boolean;
      hasNext: boolean;
      /** From the `last` rel; null when GitHub does not say. */
      lastPage: number | null;
      rateLimit: RateLimit | null;
    }
  | { state: "failed"; page: number; message: string }
  /** The session was not started with GitHub, so it has no GitHub API to ask. */
  | { state: "unavailable"; page: number };

/**
 * A failed GitHub call is data here, not a thrown error, so the page can say what happened
 * and offer a retry without losing the header and navigation.
 */
export async function reposLoader(args: LoaderFunctionArgs): Promise<ReposData> {
  const { request } = args;
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  // The guard's own answer (shared, not asked twice): which APIs this session has.
  if (!providerApi(await requireUser(args), "github")) return { state: "unavailable", page };
  try {
    const response = await githubGet(
      "/user/repos",
      // full_name keeps the order stable between pages, unlike the default (recently pushed).
      { per_page: REPOS_PER_PAGE, page, sort: "full_name" },
      request.signal,
    );
    const { links } = response;
    const hasNext = links.next !== undefined;
    return {
      state: "loaded",
      page,
      repos: parseRepos(response.data),
      hasPrevious: links.prev !== undefined,
      hasNext,
      // On the last page GitHub sends no `last` rel: no `next` means this is it.
      lastPage: pageOf(links.last) ?? (hasNext ? null : page),
      rateLimit: response.rateLimit,
    };
  } catch (error) {
    if (request.signal.aborted) throw error;
    // The gateway knows better than `apis` (an older gateway, a changed configuration): this
    // session cannot call GitHub, and asking again would be refused the same way.
    if (error instanceof ApiError && error.code === "wrong_provider") {
      return { state: "unavailable", page };
    }
    await signInAgainIfSignedOut(error, request);
    return { state: "failed", page, message: describe(error) };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return "We could not load your repositories.";
  if (error.status === 401)
    return "GitHub did not accept your session. Try signing out and in again.";
  if (error.status === 0) return "We could not reach the server. Check your connection.";
  if (error.status === 429 || (error.status === 403 && /rate limit/i.test(error.message))) {
    return "GitHub's rate limit was reached. Please wait a few minutes.";
  }
  return `We could not load your repositories (error ${error.status}).`;
}
