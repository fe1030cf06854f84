import { useLoaderData } from "react-router";
import { LoadError } from "../../components/LoadError";
import { NotAvailable } from "../../components/NotAvailable";
import type { DriveData } from "./driveLoader";
import type { DriveFile } from "./files";

const GOOGLE = { id: "google", name: "Google" };

export function DrivePage() {
  const data = useLoaderData<DriveData>();
  return (
    <article className="page">
      <title>Drive files · Latchkey</title>
      {data.state === "unavailable" ? (
        <NotAvailable what="Your Drive files" source={GOOGLE} />
      ) : (
        <>
          <h1>Your Drive files</h1>
          {data.state === "loaded" ? (
            <FileList files={data.files} />
          ) : (
            <LoadError message={data.message} />
          )}
        </>
      )}
    </article>
  );
}

function FileList({ files }: { files: DriveFile[] }) {
  if (files.length === 0) return <p>Your Drive has no files yet.</p>;
  return (
    <ul className="files">
      {files.map((file) => (
        <li key={file.id}>
          {file.name}
          {file.kind && <span className="badge">{file.kind}</span>}
        </li>
      ))}
    </ul>
  );
}
