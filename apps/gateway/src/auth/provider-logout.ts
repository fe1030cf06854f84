import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { LogoutBody } from "@latchkey/contracts";
import { endSessionUrl } from "@latchkey/oauth-core";
import type { Logger } from "pino";
import { within } from "../deadline.js";
import { describeError } from "../describe-error.js";
import type { LogoutState } from "../session/logout-state.js";
import type { SealedCookie } from "../session/sealed-cookie.js";
import type { SessionData } from "../session/session.js";
import type { ProviderSlot } from "./providers.js";

export interface ProviderLogoutDeps {
  publicUrl: string;
  logoutState: SealedCookie<LogoutState>;
  /** Bounds making the provider (discovery) when it is not made yet. */
  timeoutMs: number;
  now: () => number;
}

/** Where the provider sends the browser after its own sign-out: register it there. */
export function postLogoutRedirectUri(publicUrl: string, providerId: string): string {
  return `${publicUrl}/auth/${encodeURIComponent(providerId)}/logged-out`;
}

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): where the browser goes to end
 * the provider's session too, or undefined when it signs out here only — the provider is set
 * to `local`, the session kept no id_token, or the provider lists no end-session endpoint
 * (logged, since someone configured `provider`). The state goes into a short-lived sealed
 * cookie, checked when the provider sends the browser back.
 */
export async function providerLogout(
  deps: ProviderLogoutDeps,
  res: ServerResponse,
  slot: ProviderSlot | undefined,
  session: SessionData,
  logger: Logger,
): Promise<LogoutBody | undefined> {
  const idTokenHint = session.token.idToken;
  if (slot?.logout !== "provider" || idTokenHint === undefined) return undefined;
  try {
    const made = slot.known() ?? (await madeWithin(slot, deps.timeoutMs));
    if (!made) {
      logger.warn({ provider: slot.id }, "provider logout skipped: the provider did not answer");
      return undefined;
    }
    if (!made.capabilities.endSession) {
      logger.warn(
        { provider: slot.id },
        "provider logout skipped: its discovery document lists no end_session_endpoint",
      );
      return undefined;
    }
    const state = randomBytes(32).toString("base64url");
    const url = endSessionUrl(made, {
      idTokenHint,
      postLogoutRedirectUri: postLogoutRedirectUri(deps.publicUrl, slot.id),
      state,
    });
    await deps.logoutState.write(res, { provider: slot.id, state, createdAt: deps.now() });
    return { endSessionUrl: url.toString() };
  } catch (err) {
    logger.warn({ provider: slot.id, err: describeError(err) }, "provider logout skipped");
    return undefined;
  }
}

async function madeWithin(slot: ProviderSlot, ms: number) {
  const bounded = await within(slot.get(), ms);
  return bounded.settled ? bounded.value : undefined;
}
