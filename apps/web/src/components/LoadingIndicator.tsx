import { useNavigation } from "react-router";

/** Announces route loads; the live region stays mounted so screen readers hear the change. */
export function LoadingIndicator() {
  const busy = useNavigation().state !== "idle";
  return (
    <p role="status" className={busy ? "loading" : "loading loading--idle"}>
      {busy ? "Loading…" : ""}
    </p>
  );
}
