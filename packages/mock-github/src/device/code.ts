import { type HttpHandler, http } from "msw";
import type { MockContext } from "../context.js";
import { parseScopes } from "../oauth/scopes.js";
import { readParams, tokenReply } from "../oauth/token.js";
import { deviceError, identifyClient } from "./replies.js";
import { DEVICE_CODE_LIFETIME_SECONDS } from "./store.js";

/**
 * POST /login/device/code (RFC 8628 §3.1): a device code to poll with and a user code for the
 * person to type at /login/device. Refusals come with HTTP 400 here, unlike the token endpoint.
 */
export function deviceCodeHandlers(context: MockContext): HttpHandler[] {
  return [
    http.post(`${context.baseUrl}/login/device/code`, async ({ request }) => {
      const params = await readParams(request);
      const client = identifyClient(context, request, params);
      if (!client) return deviceError(request, "incorrect_client_credentials", { status: 400 });
      if (client.deviceFlow === false) {
        return deviceError(request, "device_flow_disabled", { status: 400 });
      }
      const authorization = context.state.devices.create(
        client.clientId,
        parseScopes(params.get("scope")),
        context.deviceInterval,
      );
      return tokenReply(request, {
        device_code: authorization.deviceCode,
        user_code: authorization.userCode,
        verification_uri: `${context.baseUrl}/login/device`,
        expires_in: DEVICE_CODE_LIFETIME_SECONDS,
        interval: authorization.interval,
      });
    }),
  ];
}
