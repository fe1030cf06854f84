import {
  type AccessPolicy,
  type AccessRule,
  assertAccessPolicy,
  providers as catalogue,
  type ProviderDefinition,
} from "@latchkey/oauth-core";

type Env = Record<string, string | undefined>;

/**
 * Every rule some provider can apply. A variable for one of them that this provider cannot
 * apply (`GOOGLE_ALLOWED_ORGS`) is a mistake to report, not a list to ignore: ignoring it would
 * let in everyone the operator meant to keep out.
 */
const KNOWN_RULES: readonly AccessRule[] = [
  ...new Set(Object.values(catalogue).flatMap((definition) => definition.access)),
];

const prefix = (definition: ProviderDefinition) => definition.id.toUpperCase();

/** `emailDomains` → `GOOGLE_ALLOWED_EMAIL_DOMAINS`. */
export function accessVariable(definition: ProviderDefinition, rule: AccessRule): string {
  const suffix = rule.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
  return `${prefix(definition)}_ALLOWED_${suffix}`;
}

/** The claim a provider's groups rule reads, e.g. `OIDC_GROUPS_CLAIM`. */
export function groupsClaimVariable(definition: ProviderDefinition): string {
  return `${prefix(definition)}_GROUPS_CLAIM`;
}

/**
 * Who may sign in with this provider, from `<ID>_ALLOWED_<RULE>` (comma- or space-separated)
 * and `<ID>_GROUPS_CLAIM`. Each list is checked against what the provider can apply, so a list
 * it would never consult stops the start, named by its variable.
 */
export function parseAccessPolicy(
  definition: ProviderDefinition,
  env: Env,
  problems: string[],
): AccessPolicy {
  const policy: { -readonly [K in keyof AccessPolicy]: AccessPolicy[K] } = {};
  for (const rule of KNOWN_RULES) {
    const name = accessVariable(definition, rule);
    const list = env[name]?.split(/[\s,]+/).filter(Boolean) ?? [];
    if (list.length === 0) continue;
    const problem = policyProblem(definition, { [rule]: list });
    if (problem) problems.push(`${name}: ${problem}`);
    else policy[rule] = list;
  }
  const claimName = groupsClaimVariable(definition);
  const claim = env[claimName]?.trim();
  if (claim && !definition.access.includes("groups")) {
    problems.push(`${claimName}: ${definition.name} has no groups to check`);
  } else if (claim) {
    policy.groupsClaim = claim;
  }
  return policy;
}

/** Scopes the configured rules need beyond the defaults (GitHub's orgs and teams: `read:org`). */
export function accessScopes(definition: ProviderDefinition, policy: AccessPolicy): string[] {
  const needed = new Set<string>();
  for (const rule of definition.access) {
    if ((policy[rule]?.length ?? 0) === 0) continue;
    for (const scope of definition.accessScopes?.[rule] ?? []) needed.add(scope);
  }
  return [...needed];
}

function policyProblem(definition: ProviderDefinition, policy: AccessPolicy): string | undefined {
  try {
    assertAccessPolicy(definition, policy);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
