import { useSession } from "../auth";

export function RestrictedPage() {
  const { user } = useSession();
  return (
    <article className="page">
      <title>Restricted · Latchkey</title>
      <h1>{`Hello, ${user.login} in our restricted area!`}</h1>
      <p>Only signed-in people reach this page: the guard asked the gateway who you are first.</p>
    </article>
  );
}
