import type { MockContext } from "../context.js";
import type { SeedAccount, SeedOrg, SeedRepo } from "../types.js";

// GitHub's node ids are base64 of "<type length>:<Type><id>" in the legacy format.
function nodeId(type: string, id: number): string {
  return btoa(`0${type.length}:${type}${id}`);
}

export function avatarUrl(context: MockContext, id: number): string {
  // GitHub Enterprise Server serves avatars from its own host under /avatars/u/<id>.
  return `${context.baseUrl}/avatars/u/${id}?v=4`;
}

/** The short user object GitHub nests in other objects (a repository's owner…). */
export function simpleUser(context: MockContext, account: SeedAccount) {
  const url = `${context.apiUrl}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId("User", account.id),
    avatar_url: avatarUrl(context, account.id),
    gravatar_id: "",
    url,
    html_url: `${context.baseUrl}/${account.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** GET /users/:login, and the public half of GET /user. */
export function publicUser(context: MockContext, account: SeedAccount) {
  return {
    ...simpleUser(context, account),
    name: account.name,
    company: account.company,
    blog: account.blog,
    location: account.location,
    email: account.email,
    hireable: null,
    bio: account.bio,
    twitter_username: null,
    public_repos: account.repos.filter((repo) => !repo.private).length,
    public_gists: 0,
    followers: account.followers,
    following: account.following,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

/** GET /user: the public profile plus what only the user themself may see. */
export function privateUser(context: MockContext, account: SeedAccount) {
  const privateRepos = account.repos.filter((repo) => repo.private).length;
  return {
    ...publicUser(context, account),
    user_view_type: "private",
    private_gists: 0,
    total_private_repos: privateRepos,
    owned_private_repos: privateRepos,
    disk_usage: account.repos.length * 128,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "free", space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

export function repository(
  context: MockContext,
  owner: SeedAccount,
  repo: SeedRepo,
  viewerIsOwner: boolean,
) {
  const fullName = `${owner.login}/${repo.name}`;
  const url = `${context.apiUrl}/repos/${fullName}`;
  const htmlUrl = `${context.baseUrl}/${fullName}`;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.private,
    owner: simpleUser(context, owner),
    html_url: htmlUrl,
    description: repo.description,
    fork: repo.fork,
    url,
    forks_url: `${url}/forks`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    contents_url: `${url}/contents/{+path}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${context.host}/${fullName}.git`,
    ssh_url: `git@${context.host.replace(/:\d+$/, "")}:${fullName}.git`,
    clone_url: `${htmlUrl}.git`,
    svn_url: htmlUrl,
    homepage: null,
    size: 108 + (repo.id % 1000),
    stargazers_count: repo.stargazersCount,
    watchers_count: repo.stargazersCount,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forksCount,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: repo.id % 7,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: repo.forksCount,
    open_issues: repo.id % 7,
    watchers: repo.stargazersCount,
    default_branch: "main",
    permissions: {
      admin: viewerIsOwner,
      maintain: viewerIsOwner,
      push: viewerIsOwner,
      triage: viewerIsOwner,
      pull: true,
    },
  };
}

export function organization(context: MockContext, org: SeedOrg) {
  const url = `${context.apiUrl}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: avatarUrl(context, org.id),
    description: org.description,
  };
}
