import { delay, type HttpHandler, HttpResponse, http } from "msw";
import type { MockContext } from "../context.js";
import { badJsonAnswer, htmlAnswer, missingFieldsAnswer, statusAnswer } from "./answers.js";
import type { FaultTarget } from "./types.js";

const REVOKE = /^\/applications\/[^/]+\/token$/;
const OIDC_TARGETS: Record<string, FaultTarget | undefined> = {
  "/token": "oidc-token",
  "/userinfo": "oidc-userinfo",
  "/revoke": "oidc-revoke",
};

/** Which fault target a request is, by the path below the base URL; undefined for none. */
export function faultTarget(context: MockContext, request: Request): FaultTarget | undefined {
  const { pathname } = new URL(request.url);
  const basePath = new URL(context.baseUrl).pathname.replace(/\/+$/, "");
  const apiPath = `${basePath}/api/v3`;
  if (pathname === `${basePath}/login/oauth/authorize`) return "authorize";
  if (pathname === `${basePath}/login/oauth/access_token`) {
    return request.method === "POST" ? "token" : undefined;
  }
  const oidcPath = `${basePath}/oidc`;
  if (pathname.startsWith(`${oidcPath}/`)) return OIDC_TARGETS[pathname.slice(oidcPath.length)];
  if (pathname !== apiPath && !pathname.startsWith(`${apiPath}/`)) return undefined;
  const route = pathname.slice(apiPath.length);
  if (request.method === "GET" && route === "/user") return "user";
  if (request.method === "GET" && route === "/user/emails") return "emails";
  if (request.method === "DELETE" && REVOKE.test(route)) return "revoke";
  return "api";
}

/**
 * The one layer that makes GitHub misbehave, in front of `routes` (the normal handlers).
 * It answers a faulted request itself, or, for `slow`, waits and lets `routes` answer.
 */
export function faultHandler(context: MockContext, routes: readonly HttpHandler[]): HttpHandler {
  return http.all(`${context.baseUrl}/*`, async ({ request }) => {
    const target = faultTarget(context, request);
    const fault = target && context.state.faults.take(target);
    if (!target || !fault) return undefined;
    switch (fault.kind) {
      case "slow":
        await delay(fault.delayMs);
        return undefined;
      case "status":
        return statusAnswer(fault);
      case "reset":
        // In-process fetch rejects; the HTTP adapter resets the connection instead.
        return HttpResponse.error();
      case "html":
        return htmlAnswer();
      case "bad-json":
        return badJsonAnswer();
      case "missing-fields":
        return missingFieldsAnswer(target, request, routes);
    }
  });
}
