import { parseBasic } from "../api/auth.js";
import type { MockContext } from "../context.js";
import { tokenReply } from "../oauth/token.js";
import type { MockClient } from "../types.js";

const DOCS =
  "https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow";

// GitHub's device-flow errors, with its wording.
const DEVICE_ERRORS = {
  authorization_pending: "The authorization request is still pending.",
  slow_down: "Too many requests have been made in the same timeframe.",
  expired_token: "The device code has expired.",
  incorrect_client_credentials: "The client_id and/or client_secret passed are incorrect.",
  incorrect_device_code: "The device_code provided is not valid.",
  access_denied: "The authorization request was denied.",
  device_flow_disabled: "Device Flow must be explicitly enabled for this App",
} as const;
export type DeviceErrorCode = keyof typeof DEVICE_ERRORS;

/**
 * The device flow needs no client secret (a CLI cannot keep one), only the client id, in the
 * body or as Basic credentials; a secret that is sent must still be the right one.
 */
export function identifyClient(
  context: MockContext,
  request: Request,
  params: Map<string, string>,
): MockClient | undefined {
  const basic = parseBasic(request.headers.get("authorization") ?? "");
  const client = context.clients.get(basic?.user ?? params.get("client_id") ?? "");
  const secret = basic?.password ?? params.get("client_secret");
  return client && (secret === undefined || secret === client.clientSecret) ? client : undefined;
}

/** GitHub's error body, in the format Accept asks for; HTTP 200 unless `status` says otherwise. */
export function deviceError(
  request: Request,
  error: DeviceErrorCode,
  options: { status?: number; interval?: number } = {},
): Response {
  const reply = tokenReply(request, {
    error,
    error_description: DEVICE_ERRORS[error],
    error_uri: DOCS,
    ...(options.interval !== undefined && { interval: options.interval }),
  });
  if (options.status === undefined) return reply;
  return new Response(reply.body, { status: options.status, headers: reply.headers });
}
