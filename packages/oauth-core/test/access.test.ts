import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type AccessPolicy,
  type AccessSubject,
  assertAccessPolicy,
  checkAccess,
  google,
  type NormalizedUser,
  type Provider,
  providers,
  ResponseError,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";
import { createTestIdp, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from "./support/oidc-idp.js";

const server = useMockServer();
const API = "https://api.github.com";

function person(overrides: Partial<NormalizedUser> = {}): NormalizedUser {
  return {
    provider: "github",
    id: "583231",
    login: "octocat",
    name: "The Octocat",
    email: "octocat@github.com",
    avatarUrl: null,
    profileUrl: null,
    ...overrides,
  };
}

function subject(user: NormalizedUser, claims?: Record<string, unknown>): AccessSubject {
  return { accessToken: "tok", user, claims };
}

function orgs(...logins: string[]) {
  return logins.map((login, i) => ({ login, id: i + 1, url: `${API}/orgs/${login}` }));
}

function teams(...pairs: string[]) {
  return pairs.map((pair, i) => {
    const [org, slug] = pair.split("/");
    return { id: i + 1, slug, name: slug, organization: { login: org, id: 100 + i } };
  });
}

/** Records the requests to GitHub's membership lists, answered by `answer`. */
function memberships(path: "/user/orgs" | "/user/teams", answer: (page: string) => Response) {
  const requests: Request[] = [];
  server.use(
    http.get(`${API}${path}`, ({ request }) => {
      requests.push(request);
      return answer(new URL(request.url).searchParams.get("page") ?? "1");
    }),
  );
  return requests;
}

describe("checkAccess for GitHub", () => {
  const github = testGitHub();
  const octocat = subject(person());

  it("when the policy lists nobody, then everyone is admitted without asking GitHub", async () => {
    await expect(checkAccess(github, octocat, {})).resolves.toEqual({ allowed: true, via: "open" });
    await expect(checkAccess(github, octocat, { users: [], orgs: [] })).resolves.toEqual({
      allowed: true,
      via: "open",
    });
  });

  it("when a copy of the provider is given, then it is an ArgumentError even for an open policy", async () => {
    await expect(checkAccess({ ...github }, octocat, {})).rejects.toEqual(
      argumentError("provider"),
    );
  });

  it("when the login is listed in another case, then it is admitted without asking GitHub", async () => {
    const decision = await checkAccess(github, subject(person({ login: "OctoCat" })), {
      users: ["octocat"],
      orgs: ["acme"],
    });
    expect(decision).toEqual({ allowed: true, via: "users" });
  });

  it("when the id is listed, then it is admitted", async () => {
    await expect(checkAccess(github, octocat, { users: ["583231"] })).resolves.toEqual({
      allowed: true,
      via: "users",
    });
  });

  it("when only another login is listed, then it is refused", async () => {
    await expect(checkAccess(github, octocat, { users: ["hubot"] })).resolves.toEqual({
      allowed: false,
    });
  });

  it("when the person is in a listed org, then it is admitted; the token is sent as a bearer", async () => {
    const requests = memberships("/user/orgs", () => HttpResponse.json(orgs("github", "Octo-Org")));
    const decision = await checkAccess(github, octocat, { orgs: ["octo-org"] });
    expect(decision).toEqual({ allowed: true, via: "orgs" });
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer tok");
  });

  it("when the person is in a listed team, then it is admitted, names compared in any case", async () => {
    memberships("/user/teams", () => HttpResponse.json(teams("github/security")));
    await expect(checkAccess(github, octocat, { teams: ["GitHub/Security"] })).resolves.toEqual({
      allowed: true,
      via: "teams",
    });
  });

  it("when the person is in no listed org or team, then it is refused", async () => {
    memberships("/user/orgs", () => HttpResponse.json(orgs("github")));
    memberships("/user/teams", () => HttpResponse.json(teams("github/docs")));
    const decision = await checkAccess(github, octocat, {
      orgs: ["acme"],
      teams: ["github/security"],
    });
    expect(decision).toEqual({ allowed: false });
  });

  it("when memberships span several pages, then later pages are read too", async () => {
    const requests = memberships("/user/orgs", (page) =>
      HttpResponse.json(
        page === "1" ? orgs(...Array.from({ length: 100 }, (_, i) => `org-${i}`)) : orgs("wanted"),
      ),
    );
    await expect(checkAccess(github, octocat, { orgs: ["wanted"] })).resolves.toEqual({
      allowed: true,
      via: "orgs",
    });
    expect(requests.map((request) => new URL(request.url).searchParams.get("page"))).toEqual([
      "1",
      "2",
    ]);
  });

  it("when GitHub refuses the token, then it is a ResponseError 401, never an admission", async () => {
    memberships("/user/orgs", () =>
      HttpResponse.json({ message: "Bad credentials" }, { status: 401 }),
    );
    const error = await checkAccess(github, octocat, { orgs: ["github"] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 401 });
  });

  it("when a list entry lacks its login, then it is a ResponseError naming the field", async () => {
    memberships("/user/orgs", () => HttpResponse.json([{ id: 1 }]));
    await expect(checkAccess(github, octocat, { orgs: ["github"] })).rejects.toThrow(/"login"/);
  });

  it("when its verified address or domain is listed, then it is admitted", async () => {
    await expect(checkAccess(github, octocat, { emails: ["OctoCat@GitHub.com"] })).resolves.toEqual(
      { allowed: true, via: "emails" },
    );
    await expect(checkAccess(github, octocat, { emailDomains: ["github.com"] })).resolves.toEqual({
      allowed: true,
      via: "emailDomains",
    });
  });
});

describe("checkAccess for Google", () => {
  async function googleProvider(): Promise<Provider> {
    const idp = await createTestIdp(server);
    return google({
      issuer: idp.issuer,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
    });
  }
  const jane = person({
    provider: "google",
    id: "110169484474386276334",
    login: "jane",
    email: "jane@example.com",
  });

  it("when the domain of its verified address is listed, then it is admitted, subdomains not", async () => {
    const provider = await googleProvider();
    expect(provider.capabilities.verifiedEmail).toBe(true);
    await expect(
      checkAccess(provider, subject(jane), { emailDomains: ["Example.com"] }),
    ).resolves.toEqual({ allowed: true, via: "emailDomains" });
    await expect(
      checkAccess(provider, subject({ ...jane, email: "jane@eu.example.com" }), {
        emailDomains: ["example.com"],
      }),
    ).resolves.toEqual({ allowed: false });
  });

  it("when its groups claim lists a listed group, then it is admitted, group names compared exactly", async () => {
    const provider = await googleProvider();
    const claims = { groups: ["staff@example.com", "eng"] };
    await expect(
      checkAccess(provider, subject(jane, claims), { groups: ["eng"] }),
    ).resolves.toEqual({ allowed: true, via: "groups" });
    await expect(
      checkAccess(provider, subject(jane, claims), { groups: ["ENG"] }),
    ).resolves.toEqual({ allowed: false });
    await expect(checkAccess(provider, subject(jane), { groups: ["eng"] })).resolves.toEqual({
      allowed: false,
    });
  });

  it("when groupsClaim names another claim, then that claim is read, a string as one group", async () => {
    const provider = await googleProvider();
    const policy = { groups: ["admins"], groupsClaim: "roles" };
    await expect(
      checkAccess(provider, subject(jane, { roles: "admins", groups: ["eng"] }), policy),
    ).resolves.toEqual({ allowed: true, via: "groups" });
    await expect(
      checkAccess(provider, subject(jane, { groups: ["admins"] }), policy),
    ).resolves.toEqual({ allowed: false });
  });

  it("when users lists a login, then nobody is admitted by it: Google's login is an address's local part", async () => {
    const provider = await googleProvider();
    expect(provider.capabilities.uniqueLogin).toBe(false);
    await expect(checkAccess(provider, subject(jane), { users: ["jane"] })).resolves.toEqual({
      allowed: false,
    });
    await expect(
      checkAccess(provider, subject(jane), { users: ["110169484474386276334"] }),
    ).resolves.toEqual({ allowed: true, via: "users" });
  });

  it("when the policy lists orgs, then it is an ArgumentError: Google has none", async () => {
    const provider = await googleProvider();
    await expect(checkAccess(provider, subject(jane), { orgs: ["acme"] })).rejects.toThrow(
      argumentError("orgs"),
    );
    expect(() => assertAccessPolicy(providers.google as ProviderLike, { orgs: ["acme"] })).toThrow(
      argumentError("orgs"),
    );
  });
});

type ProviderLike = Pick<Provider, "name" | "access">;

describe("checkAccess for providers that do not verify addresses", () => {
  it("when a provider cannot verify addresses, then email rules are refused when the policy is checked", () => {
    for (const definition of [providers.microsoft, providers.oauth2]) {
      const entry = definition as ProviderLike;
      expect(() => assertAccessPolicy(entry, { emails: ["a@example.com"] })).toThrow(
        argumentError("emails"),
      );
      expect(() => assertAccessPolicy(entry, { emailDomains: ["example.com"] })).toThrow(
        argumentError("emailDomains"),
      );
      expect(() => assertAccessPolicy(entry, { users: ["someone"] })).not.toThrow();
    }
  });

  it("when an OpenID Connect provider's claims say email_verified about this very address, then an email rule admits", async () => {
    const provider = await (await createTestIdp(server)).provider();
    expect(provider.capabilities.verifiedEmail).toBe(false);
    const ada = person({ provider: "oidc", id: "user-1", login: "ada", email: "Ada@example.com" });
    const policy: AccessPolicy = { emails: ["ada@example.com"] };
    const verified = { email: "ada@example.com", email_verified: true };
    await expect(checkAccess(provider, subject(ada, verified), policy)).resolves.toEqual({
      allowed: true,
      via: "emails",
    });
    await expect(
      checkAccess(provider, subject(ada, { ...verified, email_verified: "true" }), policy),
    ).resolves.toEqual({ allowed: false });
    await expect(
      checkAccess(provider, subject(ada, { ...verified, email: "eve@example.com" }), policy),
    ).resolves.toEqual({ allowed: false });
    await expect(checkAccess(provider, subject(ada), policy)).resolves.toEqual({ allowed: false });
  });
});

describe("assertAccessPolicy", () => {
  const github = testGitHub();

  it.each([
    ["a list that is not an array", { users: "octocat" }, "users"],
    ["an empty entry", { orgs: ["github", ""] }, "orgs[1]"],
    ["a non-string entry", { emails: [42] }, "emails[0]"],
    ["a team without a slash", { teams: ["security"] }, "teams"],
    ["a domain with an @", { emailDomains: ["@example.com"] }, "emailDomains"],
    ["an empty groupsClaim", { groupsClaim: "" }, "groupsClaim"],
    ["groups for GitHub", { groups: ["eng"] }, "groups"],
  ])("when the policy has %s, then it is an ArgumentError naming it", (_, policy, argument) => {
    expect(() => assertAccessPolicy(github, policy as unknown as AccessPolicy)).toThrow(
      argumentError(argument),
    );
  });

  it("when checkAccess gets a bad policy, then it rejects before asking GitHub", async () => {
    await expect(
      checkAccess(github, subject(person()), { teams: ["security"], orgs: ["github"] }),
    ).rejects.toThrow(argumentError("teams"));
  });

  it("when the policy uses only rules the provider has, then it passes", () => {
    expect(() =>
      assertAccessPolicy(github, {
        users: ["octocat"],
        emails: ["a@example.com"],
        emailDomains: ["example.com"],
        orgs: ["github"],
        teams: ["github/security"],
      }),
    ).not.toThrow();
  });
});
