import { type LoaderFunctionArgs, redirect } from "react-router";
import { ApiError, githubGet, type RateLimit } from "../../api";
import { forgetSession, loadSession, loginPath, returnToFrom } from "../../auth";
import { pageOf, parsePage, parseRepos, type Repo } from "./repos";

export const REPOS_PER_PAGE = 10;

export type ReposData =
  | {
      ok: true;
      page: number;
      repos: Repo[];
      hasPrevious: boolean;
      hasNext: boolean;
      /** From the `last` rel; null when GitHub does not say. */
      lastPage: number | null;
      rateLimit: RateLimit | null;
    }
  | { ok: false; page: number; message: string };

/**
 * A failed GitHub call is data here, not a thrown error, so the page can say what happened
 * and offer a retry without losing the header and navigation.
 */
export async function reposLoader({ request }: LoaderFunctionArgs): Promise<ReposData> {
  const page = parsePage(new URL(request.url).searchParams.get("page"));
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
      ok: true,
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
    if (error instanceof ApiError && error.status === 401 && !(await stillSignedIn())) {
      // The session ended since the guard looked: sign in again and come back here.
      throw redirect(loginPath(returnToFrom(request)));
    }
    return { ok: false, page, message: describe(error) };
  }
}

/**
 * Asks /api/me afresh. Only a confirmed sign-out may send the user to the login page: were the
 * gateway to refuse GitHub calls while /api/me still answers, the login page would send them
 * straight back here, and round and round.
 */
async function stillSignedIn(): Promise<boolean> {
  forgetSession();
  return (await loadSession().catch(() => null)) !== null;
}

function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return "We could not load your repositories.";
  if (error.code === "wrong_provider") {
    return "Repositories are listed for people signed in with GitHub. Sign out and sign in with GitHub to see yours.";
  }
  if (error.status === 401)
    return "GitHub did not accept your session. Try signing out and in again.";
  if (error.status === 0) return "We could not reach the server. Check your connection.";
  if (error.status === 429 || (error.status === 403 && /rate limit/i.test(error.message))) {
    return "GitHub's rate limit was reached. Please wait a few minutes.";
  }
  return `We could not load your repositories (error ${error.status}).`;
}
