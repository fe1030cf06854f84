import type { MockContext } from "../context.js";
import { grantTokens } from "../oauth/grant-tokens.js";
import { tokenReply } from "../oauth/token.js";
import { deviceError, identifyClient } from "./replies.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * The token endpoint's answer to `grant_type=urn:ietf:params:oauth:grant-type:device_code`:
 * every refusal with HTTP 200, as GitHub sends them.
 */
export function deviceTokenReply(
  context: MockContext,
  request: Request,
  params: Map<string, string>,
): Response {
  const client = identifyClient(context, request, params);
  if (!client) return deviceError(request, "incorrect_client_credentials");
  if (client.deviceFlow === false) return deviceError(request, "device_flow_disabled");
  const outcome = context.state.devices.poll(params.get("device_code") ?? "", client.clientId);
  switch (outcome.kind) {
    case "unknown":
      return deviceError(request, "incorrect_device_code");
    case "expired":
      return deviceError(request, "expired_token");
    case "slow_down":
      return deviceError(request, "slow_down", { interval: outcome.interval });
    case "pending":
      return deviceError(request, "authorization_pending");
    case "denied":
      return deviceError(request, "access_denied");
    case "approved":
      return tokenReply(request, grantTokens(context, client, outcome.grant));
  }
}
