import { Form, useNavigation } from "react-router";

/** Posts to the `/logout` route action (which POSTs /auth/logout with the CSRF header). */
export function SignOutButton() {
  const navigation = useNavigation();
  const signingOut = navigation.state !== "idle" && navigation.formAction === "/logout";
  return (
    <Form method="post" action="/logout" replace className="sign-out">
      <button type="submit" disabled={signingOut} aria-busy={signingOut}>
        Sign out
      </button>
    </Form>
  );
}
