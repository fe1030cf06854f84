import { contextOf, engineOf } from "./engine.js";
import { ArgumentError } from "./errors.js";
import type { AccessRule, Provider } from "./provider.js";
import type { NormalizedUser } from "./types.js";
import { assertNonEmptyString } from "./validate.js";

/**
 * Who may sign in: a person is admitted when any list admits them; a policy that lists nobody
 * admits everyone. Names, addresses and domains compare case-insensitively; group names exactly.
 * A provider supports only some rules ({@link Provider.access}): check a policy with
 * {@link assertAccessPolicy} when it is configured, not at the first sign-in.
 */
export interface AccessPolicy {
  /**
   * People by their id at the provider (`NormalizedUser.id`), or by login where a login names
   * one account ({@link ProviderCapabilities.uniqueLogin}: GitHub, GitLab…).
   */
  readonly users?: readonly string[];
  /** Verified email addresses. */
  readonly emails?: readonly string[];
  /** Domains of verified email addresses, exactly (`example.com` does not admit `a.example.com`). */
  readonly emailDomains?: readonly string[];
  /** OpenID Connect: groups, one of which the `groupsClaim` must list. */
  readonly groups?: readonly string[];
  /** The claim holding the person's groups (a string or an array of strings); default `groups`. */
  readonly groupsClaim?: string;
  /** GitHub: organization logins whose members are admitted (private memberships need `read:org`). */
  readonly orgs?: readonly string[];
  /** GitHub: teams whose members are admitted, as `"org/team-slug"` (needs `read:org`). */
  readonly teams?: readonly string[];
}

/** Who is signing in, as the code exchange and {@link fetchUser} told. */
export interface AccessSubject {
  /** Their access token, for providers that look memberships up (GitHub's orgs and teams). */
  readonly accessToken: string;
  /** From {@link fetchUser}. */
  readonly user: NormalizedUser;
  /**
   * Claims to read `groupsClaim` from: the id_token's (`TokenSet.idTokenClaims`), with the
   * userinfo answer's (`UserInfo.raw`) when the provider puts groups only there.
   */
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
}

/** What {@link checkAccess} decided, and which rule admitted the person. */
export type AccessDecision =
  | {
      /** Admitted. */
      readonly allowed: true;
      /** The rule that admitted them, or `"open"` when the policy lists nobody. */
      readonly via: AccessRule | "open";
    }
  | {
      /** No rule admitted them. */
      readonly allowed: false;
    };

const LISTS = ["users", "emails", "emailDomains", "groups", "orgs", "teams"] as const;

/**
 * Checks a policy against what the provider can apply: each list an array of non-empty
 * strings, only rules the provider supports, `groupsClaim` non-empty, teams as `org/slug`.
 *
 * Takes a provider, or its catalogue entry (`providers.github`), whose `access` is the same, so
 * a configuration can be checked before the provider is made.
 *
 * @throws {@link ArgumentError} naming the first problem, e.g. `emailDomains` for Microsoft,
 * which does not verify addresses.
 */
export function assertAccessPolicy(
  provider: Pick<Provider, "name" | "access">,
  policy: AccessPolicy,
): void {
  for (const rule of LISTS) {
    const list = policy[rule];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ArgumentError(rule, "must be an array of strings");
    for (const [index, entry] of (list as unknown[]).entries()) {
      assertNonEmptyString(entry, `${rule}[${index}]`);
    }
    if (list.length > 0 && !provider.access.includes(rule)) {
      throw new ArgumentError(rule, `cannot be checked for ${provider.name}${why(rule)}`);
    }
  }
  if (policy.groupsClaim !== undefined) assertNonEmptyString(policy.groupsClaim, "groupsClaim");
  for (const team of policy.teams ?? []) {
    if (!/^[^/\s]+\/[^/\s]+$/.test(team)) {
      throw new ArgumentError("teams", `"${team}" is not "org/team-slug"`);
    }
  }
  for (const domain of policy.emailDomains ?? []) {
    if (domain.includes("@")) throw new ArgumentError("emailDomains", `"${domain}" is an address`);
  }
}

function why(rule: AccessRule): string {
  if (rule === "emails" || rule === "emailDomains") return ": it does not verify email addresses";
  if (rule === "groups") return ": only OpenID Connect providers send a groups claim";
  if (rule === "orgs" || rule === "teams") return ": only GitHub has organizations and teams";
  return "";
}

/**
 * Decides whether a person may sign in. The common rules (`users`, `emails`, `emailDomains`,
 * `groups`) are read from the subject; provider rules (GitHub's `orgs` and `teams`) ask the
 * provider, with the person's token, and only when the common rules did not admit them.
 *
 * @throws {@link ArgumentError} when the policy is not one {@link assertAccessPolicy} accepts.
 * @throws {@link ResponseError} (401 when the token was rejected), {@link NetworkError} or
 * {@link TimeoutError} when a provider rule cannot be checked.
 */
export async function checkAccess(
  provider: Provider,
  subject: AccessSubject,
  policy: AccessPolicy,
): Promise<AccessDecision> {
  const engine = engineOf(provider);
  assertAccessPolicy(provider, policy);
  const lists = new Map<string, readonly string[]>();
  for (const rule of LISTS) {
    const list = policy[rule];
    if (list && list.length > 0) lists.set(rule, list);
  }
  if (lists.size === 0) return { allowed: true, via: "open" };
  const via = commonRule(provider, subject, lists, policy.groupsClaim ?? "groups");
  if (via) return { allowed: true, via };
  if (!engine.checkAccess || !(lists.has("orgs") || lists.has("teams"))) return { allowed: false };
  return engine.checkAccess(contextOf(provider), subject, lists);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function commonRule(
  provider: Provider,
  { user, claims }: AccessSubject,
  lists: ReadonlyMap<string, readonly string[]>,
  groupsClaim: string,
): AccessRule | undefined {
  const users = lists.get("users") ?? [];
  const byLogin = provider.capabilities.uniqueLogin;
  if (users.some((entry) => entry === user.id || (byLogin && same(entry, user.login)))) {
    return "users";
  }
  // An address admits someone only when it is verified: by the provider for all its users, or
  // for this person by an `email_verified` claim (OpenID Connect) about this very address.
  const verified =
    provider.capabilities.verifiedEmail ||
    (claims?.email_verified === true &&
      typeof claims.email === "string" &&
      user.email !== null &&
      same(claims.email, user.email));
  const email = verified && provider.access.includes("emails") ? user.email : null;
  if (email) {
    if ((lists.get("emails") ?? []).some((entry) => same(entry, email))) return "emails";
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if ((lists.get("emailDomains") ?? []).some((entry) => same(entry, domain))) {
      return "emailDomains";
    }
  }
  const wanted = lists.get("groups") ?? [];
  if (wanted.length > 0 && groupsOf(claims?.[groupsClaim]).some((g) => wanted.includes(g))) {
    return "groups";
  }
  return undefined;
}

function groupsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is string => typeof entry === "string");
}
