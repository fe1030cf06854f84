import type { AccessRule } from "../provider.js";
import type { OidcFacts } from "./hooks.js";

/**
 * The rules {@link checkAccess} can apply to a provider built on `oidc()`: `users` and `groups`
 * always, email rules unless its `email` claim proves nothing (Microsoft). A catalogue entry
 * states the same list before discovery has run.
 */
export function oidcAccess(facts: OidcFacts = {}): readonly AccessRule[] {
  return facts.emailRules === false
    ? ["users", "groups"]
    : ["users", "emails", "emailDomains", "groups"];
}
