import { Link, useLoaderData } from "react-router";
import type { RateLimit } from "../../api";
import { LoadError } from "../../components/LoadError";
import { NotAvailable } from "../../components/NotAvailable";
import type { ReposData } from "./reposLoader";

const GITHUB = { id: "github", name: "GitHub" };

export function ReposPage() {
  const data = useLoaderData<ReposData>();
  if (data.state === "unavailable") {
    return (
      <article className="page">
        <title>Repositories · Latchkey</title>
        <NotAvailable what="Your repositories" source={GITHUB} />
      </article>
    );
  }
  return (
    <article className="page">
      <title>{`Repositories, page ${data.page} · Latchkey`}</title>
      <h1>Your repositories</h1>
      {data.state === "loaded" ? <RepoList data={data} /> : <LoadError message={data.message} />}
    </article>
  );
}

function RepoList({ data }: { data: Extract<ReposData, { state: "loaded" }> }) {
  const { page, repos, lastPage } = data;
  if (repos.length === 0) {
    return page > 1 ? (
      <p>
        There are no repositories on page {page}.{" "}
        <Link to="/repos?page=1">Go to the first page</Link>
      </p>
    ) : (
      <p>You have no repositories yet.</p>
    );
  }
  return (
    <>
      <ul className="repos">
        {repos.map((repo) => (
          <li key={repo.fullName}>
            {repo.htmlUrl ? <a href={repo.htmlUrl}>{repo.fullName}</a> : repo.fullName}
            {repo.isPrivate && <span className="badge">Private</span>}
            {repo.description && <p className="muted">{repo.description}</p>}
          </li>
        ))}
      </ul>
      <nav aria-label="Pagination" className="pagination">
        {data.hasPrevious && (
          <Link to={`/repos?page=${page - 1}`} rel="prev">
            Previous
          </Link>
        )}
        <span aria-current="page">
          {lastPage === null ? `Page ${page}` : `Page ${page} of ${lastPage}`}
        </span>
        {data.hasNext && (
          <Link to={`/repos?page=${page + 1}`} rel="next">
            Next
          </Link>
        )}
      </nav>
      {data.rateLimit && <RateLimitNote rateLimit={data.rateLimit} />}
    </>
  );
}

function RateLimitNote({ rateLimit }: { rateLimit: RateLimit }) {
  const resetAt = rateLimit.resetAt.toLocaleTimeString(undefined, { timeStyle: "short" });
  return (
    <p className="muted">
      GitHub API: {rateLimit.remaining} of {rateLimit.limit} requests left until {resetAt}.
    </p>
  );
}
