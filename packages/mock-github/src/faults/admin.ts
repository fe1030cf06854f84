import { type HttpHandler, HttpResponse, http } from "msw";
import type { MockContext } from "../context.js";
import { invalidTargetMessage, isFaultTarget, parseFault } from "./parse.js";

const NO_STORE = { "cache-control": "no-store" };

function invalid(message: string): Response {
  return HttpResponse.json({ error: "invalid_fault", message }, { status: 400, headers: NO_STORE });
}

const done = () => new Response(null, { status: 204, headers: NO_STORE });

/**
 * `<baseUrl>/_mock/faults`: the switches over HTTP, for tests that run the mock as another
 * process. Plain handlers like the rest, so they answer in-process too.
 */
export function faultAdminHandlers(context: MockContext): HttpHandler[] {
  const path = `${context.baseUrl}/_mock/faults`;
  const faults = context.state.faults;
  return [
    http.get(path, () => HttpResponse.json(faults.list(), { headers: NO_STORE })),

    http.post(path, async ({ request }) => {
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return invalid("the body must be a JSON object");
      }
      const parsed = parseFault(body);
      if (!parsed.ok) return invalid(parsed.message);
      faults.set(parsed.target, parsed.fault);
      return done();
    }),

    http.delete(path, () => {
      faults.clear();
      return done();
    }),

    http.delete(`${path}/:target`, ({ params }) => {
      if (!isFaultTarget(params.target)) return invalid(invalidTargetMessage());
      faults.clear(params.target);
      return done();
    }),
  ];
}
