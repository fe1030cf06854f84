import { z } from "zod";
import { cookieName, SealedCookie } from "./sealed-cookie.js";

const transactionSchema = z.object({
  provider: z.string(),
  state: z.string().min(22),
  codeVerifier: z.string().min(43).max(128),
  /** OpenID Connect only: the id_token must carry it back. */
  nonce: z.string().min(22).optional(),
  returnTo: z.string(),
  createdAt: z.number(),
});

/**
 * What the gateway remembers between sending a user to the provider and their return:
 * kept only in a short-lived sealed cookie, so no server state is needed for a login.
 */
export type Transaction = z.infer<typeof transactionSchema>;

export function createTransactionCookie(options: {
  secrets: Record<string, string>;
  ttlSeconds: number;
  secure: boolean;
}): SealedCookie<Transaction> {
  return new SealedCookie({
    // SameSite=Lax (set by SealedCookie): Strict would not be sent on the top-level
    // navigation back from the provider.
    name: cookieName("latchkey.tx", options.secure),
    secrets: options.secrets,
    // The seal outlives the cookie by a few minutes so that a late callback can still be
    // told apart as "expired" (checked from createdAt) rather than "missing".
    ttlSeconds: options.ttlSeconds + 5 * 60,
    maxAgeSeconds: options.ttlSeconds,
    secure: options.secure,
    schema: transactionSchema,
  });
}
