import { expectArray, expectRecord, expectString } from "../../api";

export interface DriveFile {
  id: string;
  name: string;
  /** A reader's word for the file's type ("PDF"), or null for one without a common name. */
  kind: string | null;
}

const KINDS: Readonly<Record<string, string>> = {
  "application/vnd.google-apps.document": "Document",
  "application/vnd.google-apps.spreadsheet": "Spreadsheet",
  "application/vnd.google-apps.presentation": "Presentation",
  "application/vnd.google-apps.folder": "Folder",
  "application/pdf": "PDF",
};

/** The fields of Drive's `files.list` answer that the page shows. */
export function parseDriveFiles(body: unknown): DriveFile[] {
  const list = expectArray(expectRecord(body, "body").files, "files");
  return list.map((value, index) => {
    const prefix = `files[${index}].`;
    const file = expectRecord(value, `files[${index}]`);
    const mimeType = typeof file.mimeType === "string" ? file.mimeType : "";
    return {
      id: expectString(file, "id", prefix),
      name: expectString(file, "name", prefix),
      // Own keys only: a type named "constructor" must not pick a label.
      kind: Object.hasOwn(KINDS, mimeType) ? (KINDS[mimeType] ?? null) : null,
    };
  });
}
