import { useRevalidator } from "react-router";

/** A page's data could not be fetched: say why, and offer to ask again in place. */
export function LoadError({ message }: { message: string }) {
  const revalidator = useRevalidator();
  const retrying = revalidator.state === "loading";
  return (
    <div role="alert" className="notice notice--error">
      <p>{message}</p>
      <button type="button" onClick={() => revalidator.revalidate()} disabled={retrying}>
        Try again
      </button>
    </div>
  );
}
