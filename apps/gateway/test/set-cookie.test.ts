import type { IncomingMessage, ServerResponse } from "node:http";
import { sealData, unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import {
  createSessionCookie,
  newSession,
  type SessionCookie,
  type SessionData,
} from "../src/session/session.js";
import { createTransactionCookie } from "../src/session/transaction.js";
import { TEST_SECRET } from "./support/gateway.js";

const SECRETS = { 1: TEST_SECRET };
const WEEK_SECONDS = 7 * 24 * 3600;

/** Collects Set-Cookie headers the way a ServerResponse carries them. */
function fakeResponse() {
  const headers = new Map<string, unknown>();
  const res = {
    getHeader: (name: string) => headers.get(name),
    setHeader: (name: string, value: unknown) => headers.set(name, value),
  } as unknown as ServerResponse;
  return { res, setCookies: () => (headers.get("set-cookie") as string[] | undefined) ?? [] };
}

function requestWith(cookie: string): IncomingMessage {
  return { headers: { cookie } } as IncomingMessage;
}

function sessionCookie(secure = false) {
  return createSessionCookie({ secrets: SECRETS, absoluteTimeoutSeconds: WEEK_SECONDS, secure });
}

function session(): SessionData {
  const user = {
    provider: "github",
    id: "583231",
    login: "octocat",
    name: null,
    email: null,
    avatarUrl: null,
    profileUrl: null,
  };
  const token = { accessToken: "gho_x", tokenType: "bearer", scopes: ["read:user"] };
  return newSession("github", user, token, WEEK_SECONDS, Date.now());
}

/** The seal in a `name=value; …` header, checked to be iron's own text, unencoded. */
async function sealIn(header: string, name: string): Promise<string> {
  const value = header.slice(name.length + 1, header.indexOf(";"));
  expect(value).toMatch(/^Fe26\.2\*1\*[^;%]+~2$/);
  expect(await unsealData(value, { password: SECRETS })).not.toEqual({});
  return value;
}

describe("the Set-Cookie headers the gateway writes", () => {
  it("when a session is written on http, then the header is exactly name=seal and the fixed attributes", async () => {
    const { res, setCookies } = fakeResponse();
    await sessionCookie().write(res, session());
    const [header = ""] = setCookies();
    const seal = await sealIn(header, "latchkey.session");
    expect(header).toBe(`latchkey.session=${seal}; Max-Age=604740; Path=/; HttpOnly; SameSite=Lax`);
  });

  it("when a session is written on https, then it is __Host- prefixed and Secure, in the same order", async () => {
    const { res, setCookies } = fakeResponse();
    await sessionCookie(true).write(res, session());
    const [header = ""] = setCookies();
    const seal = await sealIn(header, "__Host-latchkey.session");
    expect(header).toBe(
      `__Host-latchkey.session=${seal}; Max-Age=604740; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it("when a session is cleared, then the header is exactly an empty value that expired in 1970", () => {
    const http = fakeResponse();
    sessionCookie().clear(http.res);
    const https = fakeResponse();
    sessionCookie(true).clear(https.res);
    expect(http.setCookies()).toEqual([
      "latchkey.session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
    ]);
    expect(https.setCookies()).toEqual([
      "__Host-latchkey.session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax",
    ]);
  });

  it("when a login's transaction is written, then its cookie lives exactly 10 minutes", async () => {
    const { res, setCookies } = fakeResponse();
    const tx = createTransactionCookie({ secrets: SECRETS, ttlSeconds: 600, secure: false });
    await tx.write(res, {
      provider: "github",
      state: "s".repeat(43),
      codeVerifier: "v".repeat(43),
      returnTo: "/",
      createdAt: Date.now(),
    });
    const [header = ""] = setCookies();
    const seal = await sealIn(header, "latchkey.tx");
    expect(header).toBe(`latchkey.tx=${seal}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax`);
  });

  it("when another cookie was already set on the answer, then both are sent", async () => {
    const { res, setCookies } = fakeResponse();
    sessionCookie().clear(res);
    await sessionCookie().write(res, session());
    expect(setCookies().map((header) => header.slice(0, header.indexOf("=")))).toEqual([
      "latchkey.session",
      "latchkey.session",
    ]);
  });
});

describe("reading the session from odd Cookie headers", () => {
  const NAME = "latchkey.session";

  async function read(cookie: (seal: string) => string): Promise<SessionCookie | undefined> {
    const data = session();
    const seal = await sealData(data, { password: SECRETS, ttl: WEEK_SECONDS });
    const opened = await sessionCookie().read(requestWith(cookie(seal)));
    if (opened !== undefined) expect(opened).toEqual(data);
    return opened;
  }

  it.each<[string, (seal: string) => string]>([
    ["spaces and tabs surround the name and the value", (s) => ` \t${NAME} = \t${s} \t`],
    ["it comes after fragments with no '='", (s) => `junk; ;; ${NAME}=${s}`],
    ["another cookie holds a malformed percent-encoding", (s) => `other=%E0%A4%A; ${NAME}=${s}`],
    ["it is percent-encoded", (s) => `${NAME}=${encodeURIComponent(s).replaceAll("*", "%2A")}`],
    ["it is repeated, the first copy being the good one", (s) => `${NAME}=${s}; ${NAME}=garbage`],
  ])("when %s, then the session is read", async (_label, cookie) => {
    expect(await read(cookie)).toBeDefined();
  });

  it.each<[string, (seal: string) => string]>([
    ["it is repeated, the first copy being garbage", (s) => `${NAME}=garbage; ${NAME}=${s}`],
    ["it is wrapped in double quotes", (s) => `${NAME}="${s}"`],
    ["its name has another case", (s) => `Latchkey.Session=${s}`],
    ["it has a malformed percent-encoding", (s) => `${NAME}=${s}%E0%A4%A`],
    ["the header is only separators", () => ";;; ;"],
    ["the header is a lone '='", () => "="],
    ["its value is empty", () => `${NAME}=`],
  ])("when %s, then the request reads as anonymous", async (_label, cookie) => {
    expect(await read(cookie)).toBeUndefined();
  });
});
