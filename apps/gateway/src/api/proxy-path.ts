import { HttpError } from "../http/errors.js";

const PLAIN_PATH = /^[A-Za-z0-9/_-]*$/;

/**
 * The proxied path must name a resource of the API and nothing else: no way to climb out
 * of the API prefix (`..`, encoded or not) or to smuggle a separator past our matching
 * (`%2f`, `%5c`, `\`) that the upstream would decode differently than we did.
 */
export function checkProxyPath(url: string, label: string): void {
  const path = url.split("?", 1)[0] ?? "";
  // Nearly every API path is made of these alone: nothing to decode, no dot segment, no
  // separator but "/", so none of the checks below could refuse it.
  if (PLAIN_PATH.test(path)) return;
  if (path.includes("\\") || /%(2f|5c)/i.test(path)) throw invalidPath(label);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw invalidPath(label);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(decoded)) throw invalidPath(label);
  if (decoded.split("/").some((segment) => segment === "." || segment === "..")) {
    throw invalidPath(label);
  }
}

function invalidPath(label: string): HttpError {
  return new HttpError(400, "invalid_path", `The API path is not a valid ${label} API path.`);
}
