/**
 * GitHub's OAuth scopes. GitHub drops names it does not know rather than failing the
 * request, so an app that asks for a typo simply does not get it; the mock does the same.
 */
const KNOWN_SCOPES = new Set([
  "repo",
  "repo:status",
  "repo_deployment",
  "public_repo",
  "repo:invite",
  "security_events",
  "admin:repo_hook",
  "write:repo_hook",
  "read:repo_hook",
  "admin:org",
  "write:org",
  "read:org",
  "admin:public_key",
  "write:public_key",
  "read:public_key",
  "admin:org_hook",
  "gist",
  "notifications",
  "user",
  "read:user",
  "user:email",
  "user:follow",
  "project",
  "read:project",
  "delete_repo",
  "write:packages",
  "read:packages",
  "delete:packages",
  "admin:gpg_key",
  "write:gpg_key",
  "read:gpg_key",
  "codespace",
  "workflow",
]);

/** A parent scope grants its children: `user` is enough wherever `user:email` is asked. */
const IMPLIED: Record<string, readonly string[]> = {
  user: ["read:user", "user:email", "user:follow"],
  repo: ["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"],
  "admin:org": ["write:org", "read:org"],
  "write:org": ["read:org"],
  "admin:repo_hook": ["write:repo_hook", "read:repo_hook"],
  "write:repo_hook": ["read:repo_hook"],
  "admin:public_key": ["write:public_key", "read:public_key"],
  "write:public_key": ["read:public_key"],
  "admin:gpg_key": ["write:gpg_key", "read:gpg_key"],
  "write:gpg_key": ["read:gpg_key"],
  project: ["read:project"],
  "write:packages": ["read:packages"],
};

/** Parses the `scope` parameter (space- or comma-separated), keeping order, dropping unknowns. */
export function parseScopes(value: string | null | undefined): string[] {
  const scopes = (value ?? "").split(/[\s,]+/).filter((scope) => KNOWN_SCOPES.has(scope));
  return [...new Set(scopes)];
}

/** True when the granted scopes include any of `accepted`, directly or through a parent. */
export function hasAnyScope(granted: readonly string[], accepted: readonly string[]): boolean {
  const effective = new Set<string>();
  const add = (scope: string): void => {
    if (effective.has(scope)) return;
    effective.add(scope);
    for (const child of IMPLIED[scope] ?? []) add(child);
  };
  for (const scope of granted) add(scope);
  return accepted.some((scope) => effective.has(scope));
}
