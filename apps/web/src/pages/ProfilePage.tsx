import { safeHttpUrl } from "../api";
import { useSession } from "../auth";

export function ProfilePage() {
  const { user, providerName, expiresAt } = useSession();
  const avatar = safeHttpUrl(user.avatarUrl);
  const profile = safeHttpUrl(user.profileUrl);
  return (
    <article className="page">
      <title>Profile · Latchkey</title>
      <h1>Your profile</h1>
      <div className="profile">
        {avatar && (
          <img
            className="avatar"
            src={avatar}
            alt={`${user.login}'s avatar`}
            width={96}
            height={96}
          />
        )}
        <dl className="fields">
          <dt>Name</dt>
          <dd>{user.name ?? "No public name"}</dd>
          <dt>Login</dt>
          <dd>{profile ? <a href={profile}>{user.login}</a> : user.login}</dd>
          <dt>Email</dt>
          <dd>{user.email ?? "No public email"}</dd>
          <dt>ID</dt>
          <dd>{user.id}</dd>
          <dt>Signed in with</dt>
          <dd>{providerName}</dd>
          <dt>Session ends</dt>
          <dd>
            <time dateTime={expiresAt}>{formatDate(expiresAt)}</time>
          </dd>
        </dl>
      </div>
    </article>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
