import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "react-router";
import type { SessionSummary } from "../../api";
import { useSession } from "../../auth";
import { LoadError } from "../../components/LoadError";
import { SignOutButton } from "../../components/SignOutButton";
import { deviceName } from "./device";
import { END_ALL, END_ONE, type SessionsActionData } from "./sessionsAction";
import type { SessionsData } from "./sessionsLoader";
import { fullTime, timeAgo } from "./times";

export function SessionsPage() {
  const data = useLoaderData<SessionsData>();
  const me = useSession();
  return (
    <article className="page">
      <title>Sessions · Latchkey</title>
      <h1>Your sessions</h1>
      <p>
        Where you are signed in with {me.providerName}. Sign out of any you do not recognise: that
        browser has to sign in again.
      </p>
      {data.state === "loaded" ? (
        <SessionTable sessions={data.sessions} now={data.now} />
      ) : (
        <LoadError message={data.message} />
      )}
      <SignOutEverywhere />
    </article>
  );
}

function SessionTable({ sessions, now }: { sessions: SessionSummary[]; now: number }) {
  if (sessions.length === 0) return <p>No sessions are recorded for you.</p>;
  return (
    <table className="sessions">
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Signed in</th>
          <th scope="col">Last seen</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} now={now} />
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({ session, now }: { session: SessionSummary; now: number }) {
  const device = deviceName(session);
  const signedIn = timeAgo(session.signedInAt, now);
  return (
    <tr>
      <th scope="row">
        {device}
        {session.current && <span className="badge">This device</span>}
      </th>
      <td>
        <time dateTime={session.signedInAt} title={fullTime(session.signedInAt)}>
          {signedIn}
        </time>
      </td>
      <td>
        <time dateTime={session.lastSeenAt} title={fullTime(session.lastSeenAt)}>
          {timeAgo(session.lastSeenAt, now)}
        </time>
      </td>
      <td>
        {session.current ? (
          // Ending this session is signing out, provider and other tabs included.
          <SignOutButton label="Sign out of this device" />
        ) : (
          <EndSession id={session.id} label={`Sign out ${device}, signed in ${signedIn}`} />
        )}
      </td>
    </tr>
  );
}

/** A fetcher, so several can be ended in turn without leaving the page. */
function EndSession({ id, label }: { id: string; label: string }) {
  const fetcher = useFetcher<SessionsActionData>();
  const ending = fetcher.state !== "idle";
  const error = fetcher.data?.error;
  return (
    <>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value={END_ONE} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" aria-label={label} disabled={ending} aria-busy={ending}>
          Sign out
        </button>
      </fetcher.Form>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </>
  );
}

function SignOutEverywhere() {
  const navigation = useNavigation();
  const error = useActionData<SessionsActionData>()?.error;
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === END_ALL;
  return (
    <section aria-labelledby="sign-out-everywhere">
      <h2 id="sign-out-everywhere">Everywhere at once</h2>
      <p>Signs out every session above, this one too. Each browser has to sign in again.</p>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <Form method="post" replace>
        <input type="hidden" name="intent" value={END_ALL} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          Sign out everywhere
        </button>
      </Form>
    </section>
  );
}
