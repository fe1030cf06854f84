import type { MockClient, SeedAccount, SeedOrg, SeedRepo } from "./types.js";

export const MOCK_CLIENT_ID = "mock-client-id";
export const MOCK_CLIENT_SECRET = "mock-client-secret";
/** A GitHub App's credentials: its user tokens expire and come with refresh tokens. */
export const MOCK_APP_CLIENT_ID = "mock-app-client-id";
export const MOCK_APP_CLIENT_SECRET = "mock-app-client-secret";

export const seedClients: readonly MockClient[] = [
  { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, name: "Latchkey (development)" },
  {
    clientId: MOCK_APP_CLIENT_ID,
    clientSecret: MOCK_APP_CLIENT_SECRET,
    name: "Latchkey App (development)",
    expiringTokens: true,
  },
];

const DAY = 86_400_000;

function isoDay(start: string, days: number): string {
  return new Date(Date.parse(start) + days * DAY).toISOString().replace(".000Z", "Z");
}

const LANGUAGES = ["TypeScript", "Go", "Ruby", "Python", null, "Rust", "JavaScript"] as const;

/**
 * Deterministic repositories: the same names, ids and dates on every run, so snapshots
 * and pagination assertions never flake. `privateEvery` makes every n-th one private.
 */
function makeRepos(options: {
  firstId: number;
  start: string;
  names: readonly string[];
  privateEvery?: number;
}): SeedRepo[] {
  return options.names.map((name, index) => {
    const createdAt = isoDay(options.start, index * 17);
    return {
      id: options.firstId + index,
      name,
      description: `${name.replaceAll("-", " ")}: a repository for testing`,
      private: options.privateEvery !== undefined && (index + 1) % options.privateEvery === 0,
      fork: name === "spoon-knife" ? false : index % 9 === 4,
      language: LANGUAGES[index % LANGUAGES.length] ?? null,
      stargazersCount: (index * 37) % 1500,
      forksCount: (index * 11) % 300,
      createdAt,
      updatedAt: isoDay(createdAt, 400 - index * 3),
      pushedAt: isoDay(createdAt, 380 - index * 3),
    };
  });
}

const octocatRepoNames = [
  "hello-world",
  "spoon-knife",
  "linguist",
  "octocat.github.io",
  "git-consortium",
  "test-repo1",
  "boysenberry-repo-1",
  ...Array.from({ length: 33 }, (_, i) => `octo-repo-${String(i + 1).padStart(2, "0")}`),
];

export const seedOrgs: readonly SeedOrg[] = [
  { login: "github", id: 9919, description: "How people build software." },
  { login: "octo-org", id: 6811672, description: "An organization for testing." },
];

/**
 * Three accounts that exercise the three email cases a client must handle: a public
 * profile email (octocat), a private one found only in /user/emails (monalisa), and
 * no verified email at all, with no display name either (hubot).
 */
export const seedAccounts: readonly SeedAccount[] = [
  {
    login: "octocat",
    id: 583231,
    name: "The Octocat",
    email: "octocat@github.com",
    emails: [
      { email: "octocat@github.com", primary: true, verified: true, visibility: "public" },
      {
        email: "583231+octocat@users.noreply.github.com",
        primary: false,
        verified: true,
        visibility: null,
      },
    ],
    company: "@github",
    blog: "https://github.blog",
    location: "San Francisco",
    bio: null,
    followers: 20_000,
    following: 9,
    createdAt: "2011-01-25T18:44:36Z",
    updatedAt: "2024-06-01T12:00:00Z",
    repos: makeRepos({
      firstId: 1296269,
      start: "2011-01-26T19:01:12Z",
      names: octocatRepoNames,
      privateEvery: 11,
    }),
    orgs: [
      { login: "github", public: true },
      { login: "octo-org", public: false },
    ],
  },
  {
    login: "monalisa",
    id: 2154,
    name: "Mona Lisa Octocat",
    email: null,
    emails: [
      { email: "mona@example.com", primary: true, verified: true, visibility: "private" },
      { email: "mona.old@example.com", primary: false, verified: false, visibility: null },
    ],
    company: null,
    blog: "",
    location: "Paris",
    bio: "Curious about everything.",
    followers: 512,
    following: 64,
    createdAt: "2012-04-07T09:30:00Z",
    updatedAt: "2024-05-20T08:15:00Z",
    repos: makeRepos({
      firstId: 5_000_001,
      start: "2012-05-01T10:00:00Z",
      names: ["smile", "sfumato", "louvre-guide", "renaissance", "private-sketches"],
      privateEvery: 5,
    }),
    orgs: [{ login: "octo-org", public: true }],
  },
  {
    login: "hubot",
    id: 480938,
    name: null,
    email: null,
    emails: [{ email: "hubot@example.com", primary: true, verified: false, visibility: "private" }],
    company: null,
    blog: "",
    location: null,
    bio: null,
    followers: 3,
    following: 0,
    createdAt: "2010-11-12T23:16:37Z",
    updatedAt: "2024-01-10T16:00:00Z",
    repos: makeRepos({
      firstId: 7_000_001,
      start: "2011-03-01T10:00:00Z",
      names: ["hubot-scripts", "chatops"],
    }),
    orgs: [],
  },
];
