import { base64Url, digest } from "../random.js";

// RFC 7636 §4.1: 43 to 128 characters from the unreserved set.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 §4.6: the verifier is well formed and BASE64URL(SHA256(verifier)) is the challenge. */
export async function verifierMatches(
  codeChallenge: string,
  verifier: string | null | undefined,
): Promise<boolean> {
  if (typeof verifier !== "string" || !VERIFIER.test(verifier)) return false;
  return base64Url(await digest("SHA-256", verifier)) === codeChallenge;
}
