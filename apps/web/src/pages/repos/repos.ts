import {
  expectArray,
  expectBoolean,
  expectNullableString,
  expectRecord,
  expectString,
  safeHttpUrl,
} from "../../api";

export interface Repo {
  fullName: string;
  /** null when GitHub's html_url is not an http(s) URL we would link to. */
  htmlUrl: string | null;
  description: string | null;
  isPrivate: boolean;
}

/** The fields of GitHub's repository objects that the list shows. */
export function parseRepos(body: unknown): Repo[] {
  return expectArray(body, "body").map((value, index) => {
    const prefix = `[${index}].`;
    const repo = expectRecord(value, `[${index}]`);
    return {
      fullName: expectString(repo, "full_name", prefix),
      htmlUrl: safeHttpUrl(expectString(repo, "html_url", prefix)),
      description: expectNullableString(repo, "description", prefix),
      isPrivate: repo.private === undefined ? false : expectBoolean(repo, "private", prefix),
    };
  });
}

/** `?page=` as a page number; anything but a plain positive integer is page 1. */
export function parsePage(raw: string | null): number {
  return raw !== null && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/** The `page` query parameter of a Link target, if it has a sensible one. */
export function pageOf(target: string | undefined): number | null {
  if (target === undefined) return null;
  try {
    const page = new URL(target, "http://link.invalid").searchParams.get("page");
    return page !== null && /^[1-9]\d*$/.test(page) ? Number(page) : null;
  } catch {
    return null;
  }
}
