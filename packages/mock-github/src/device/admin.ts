import { type HttpHandler, HttpResponse, http } from "msw";
import type { MockContext } from "../context.js";
import { decideDevice } from "./decide.js";

const NO_STORE = { "cache-control": "no-store" };

function problem(status: number, error: string, message: string): Response {
  return HttpResponse.json({ error, message }, { status, headers: NO_STORE });
}

async function readJson(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = JSON.parse(await request.text());
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `<baseUrl>/_mock/device/approve` and `/deny`: the person's answer without the page, for
 * tests that run the mock as another process. Not recorded, like the fault switches.
 */
export function deviceAdminHandlers(context: MockContext): HttpHandler[] {
  const path = `${context.baseUrl}/_mock/device`;
  const answer = (approve: boolean) =>
    http.post(`${path}/${approve ? "approve" : "deny"}`, async ({ request }) => {
      const body = await readJson(request);
      const userCode = body?.user_code;
      const login = body?.login;
      if (typeof userCode !== "string" || (approve && typeof login !== "string")) {
        const fields = approve ? '"user_code" and "login"' : '"user_code"';
        return problem(400, "invalid_device_decision", `the body must be JSON with ${fields}`);
      }
      const result = decideDevice(context, userCode, approve ? { login: String(login) } : "denied");
      if (result === "unknown_code") {
        return problem(404, "unknown_user_code", "no pending device authorization has that code");
      }
      if (result === "unknown_login") {
        return problem(400, "unknown_login", "no seeded account has that login");
      }
      return new Response(null, { status: 204, headers: NO_STORE });
    });
  return [answer(true), answer(false)];
}
