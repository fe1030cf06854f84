import { type HttpHandler, HttpResponse, http } from "msw";
import { parseBasic } from "../api/auth.js";
import type { MockContext } from "../context.js";
import type { MockOidcClient } from "./types.js";

// RFC 6749 §5.1: token answers must not be cached.
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function oidcJson(
  body: Record<string, unknown>,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** An RFC 6749 §5.2 error: a real status (400, 401), unlike GitHub's 200s. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Response {
  return oidcJson({ error, error_description: description }, status, headers);
}

type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * The token and revocation endpoints take form-encoded bodies only, each parameter at most
 * once (RFC 6749 §3.2).
 */
async function readForm(request: Request): Promise<Checked<URLSearchParams>> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    return {
      ok: false,
      response: oauthError(
        400,
        "invalid_request",
        "The body must be application/x-www-form-urlencoded.",
      ),
    };
  }
  const form = new URLSearchParams(await request.text());
  const repeated = [...form.keys()].find((name) => form.getAll(name).length > 1);
  if (repeated !== undefined) {
    return {
      ok: false,
      response: oauthError(400, "invalid_request", `"${repeated}" is repeated.`),
    };
  }
  return { ok: true, value: form };
}

/**
 * RFC 6749 §2.3.1: HTTP Basic or the body, never both. A failure is 401 invalid_client, with a
 * Basic challenge when the client tried the Authorization header (§5.2).
 */
function authenticateClient(
  context: MockContext,
  request: Request,
  form: URLSearchParams,
): Checked<MockOidcClient> {
  const header = request.headers.get("authorization");
  const basic = header === null ? undefined : parseBasic(header);
  const invalid = (description: string): Checked<MockOidcClient> => ({
    ok: false,
    response: oauthError(
      401,
      "invalid_client",
      description,
      header === null ? {} : { "www-authenticate": 'Basic realm="oidc"' },
    ),
  });
  if (header !== null && !basic) return invalid("The Authorization header is not HTTP Basic.");
  if (basic && form.has("client_secret")) {
    return {
      ok: false,
      response: oauthError(
        400,
        "invalid_request",
        "Use one client authentication method, not both Basic and client_secret.",
      ),
    };
  }
  const clientId = basic?.user ?? form.get("client_id");
  const secret = basic?.password ?? form.get("client_secret");
  if (basic && form.has("client_id") && form.get("client_id") !== basic.user) {
    return invalid("The client_id differs from the authenticated client.");
  }
  const client = clientId === null ? undefined : context.oidc.clients.get(clientId);
  if (!client || secret === null || client.clientSecret !== secret) {
    return invalid("Client authentication failed.");
  }
  return { ok: true, value: client };
}

/** A POST endpoint of authenticated clients with a form body: the token and revocation endpoints. */
export function clientEndpoint(
  context: MockContext,
  path: string,
  handle: (client: MockOidcClient, form: URLSearchParams) => Response | Promise<Response>,
): HttpHandler {
  return http.post(`${context.oidc.issuer}${path}`, async ({ request }) => {
    const form = await readForm(request);
    if (!form.ok) return form.response;
    const client = authenticateClient(context, request, form.value);
    return client.ok ? handle(client.value, form.value) : client.response;
  });
}
