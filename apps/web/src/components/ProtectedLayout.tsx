import { Outlet } from "react-router";

// The guard is this route's loader (requireUser); by the time it renders, a user is signed in,
// and its loader data is what useSession() reads.
export function ProtectedLayout() {
  return <Outlet />;
}
