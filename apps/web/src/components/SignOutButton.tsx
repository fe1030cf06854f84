import { Form, useNavigation } from "react-router";

/**
 * Posts to the `/logout` route action (which POSTs /auth/logout with the CSRF header). `label`
 * names it where more than one "Sign out" is on the page; the visible text stays "Sign out".
 */
export function SignOutButton({ label }: { label?: string } = {}) {
  const navigation = useNavigation();
  const signingOut = navigation.state !== "idle" && navigation.formAction === "/logout";
  return (
    <Form method="post" action="/logout" replace className="sign-out">
      <button type="submit" disabled={signingOut} aria-busy={signingOut} aria-label={label}>
        Sign out
      </button>
    </Form>
  );
}
