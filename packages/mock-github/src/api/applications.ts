import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import type { TokenRecord } from "../state.js";
import {
  type ApiReply,
  type ApiRequest,
  apiError,
  type ClientCaller,
  clientRoute,
  notFound,
} from "./respond.js";
import { simpleUser } from "./shapes.js";

const DOCS = {
  check: "https://docs.github.com/rest/apps/oauth-applications#check-a-token",
  deleteToken: "https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token",
  deleteGrant: "https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization",
};

type ClientRequest = ApiRequest<ClientCaller>;

/**
 * The app endpoints name the app in the path and authenticate it with Basic: another
 * app's credentials, or a token issued to another app, are a 404 like an unknown token.
 */
async function appToken(
  context: MockContext,
  input: ClientRequest,
  docs: string,
): Promise<TokenRecord | ApiReply> {
  if (input.params.client_id !== input.caller.client.clientId) return notFound(docs);
  let body: unknown;
  try {
    body = await input.request.json();
  } catch {
    return apiError(400, "Problems parsing JSON", docs);
  }
  const accessToken =
    typeof body === "object" && body !== null && "access_token" in body
      ? body.access_token
      : undefined;
  if (typeof accessToken !== "string" || accessToken === "") {
    return apiError(422, 'Invalid request.\n\n"access_token" wasn\'t supplied.', docs);
  }
  const record = context.state.findToken(accessToken);
  if (!record || record.clientId !== input.caller.client.clientId) return notFound(docs);
  return record;
}

/** An app endpoint that acts on one of the app's own tokens, named in the JSON body. */
function appTokenRoute(
  context: MockContext,
  method: "post" | "delete",
  path: string,
  docs: string,
  act: (record: TokenRecord) => ApiReply,
): HttpHandler {
  return clientRoute(context, method, path, { docs }, async (input) => {
    const record = await appToken(context, input, docs);
    return "token" in record ? act(record) : record;
  });
}

export function applicationHandlers(context: MockContext): HttpHandler[] {
  return [
    appTokenRoute(context, "post", "/applications/:client_id/token", DOCS.check, (record) => {
      const account = findAccount(context, record.login);
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
      const created = iso(record.createdAt);
      return {
        status: 200,
        body: {
          id: record.id,
          url: `${context.apiUrl}/authorizations/${record.id}`,
          app: {
            client_id: record.clientId,
            name: context.clients.get(record.clientId)?.name ?? record.clientId,
            url: context.baseUrl,
          },
          token: record.token,
          hashed_token: null,
          token_last_eight: record.token.slice(-8),
          note: null,
          note_url: null,
          fingerprint: null,
          scopes: record.scopes,
          created_at: created,
          updated_at: created,
          expires_at: record.expiresAt === undefined ? null : iso(record.expiresAt),
          user: account ? simpleUser(context, account) : null,
        },
      };
    }),

    appTokenRoute(
      context,
      "delete",
      "/applications/:client_id/token",
      DOCS.deleteToken,
      (record) => {
        context.state.revokeToken(record.token);
        return { status: 204 };
      },
    ),

    // Deleting the grant takes every token the user gave this app with it.
    appTokenRoute(
      context,
      "delete",
      "/applications/:client_id/grant",
      DOCS.deleteGrant,
      (record) => {
        context.state.revokeGrant(record.clientId, record.login);
        return { status: 204 };
      },
    ),
  ];
}
