import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { sendError } from "../http/errors.js";
import { loginErrorLocation } from "./login-error.js";

/** `/<provider>/backchannel-logout`, as the router sees it under /auth. */
const BACKCHANNEL_PATH = /^\/[^/]+\/backchannel-logout$/;

/**
 * Per-client-IP limit on /auth/*: logins and callbacks are cheap to ask for and costly to
 * answer (provider round trips, seals). The client IP comes from Express's `trust proxy`
 * setting (TRUST_PROXY), so behind a load balancer each user is counted, not the balancer.
 * The counters live in `store` (shared by every instance when it is Redis), else in memory.
 */
export function createAuthRateLimit(
  options: { max: number; windowSeconds: number },
  store?: Store,
): RequestHandler {
  return rateLimit({
    ...(store && { store }),
    windowMs: options.windowSeconds * 1000,
    limit: options.max,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    // Its console warning about X-Forwarded-For without `trust proxy` would bypass our
    // structured logs; TRUST_PROXY is documented instead, and the test proves the behaviour.
    validate: { xForwardedForHeader: false },
    // A provider ending many sessions at once posts one logout token each, all from its own
    // address: counting them would leave sessions alive that it asked to end. Each one is a
    // signature check, and an unknown key refetches the issuer's keys at most every 30 s.
    skip: (req) => req.method === "POST" && BACKCHANNEL_PATH.test(req.path),
    handler: (req, res) => {
      // A person clicking "Sign in" gets the login page with a message, not raw JSON.
      if (req.method === "GET" && req.accepts(["json", "html"]) === "html") {
        res.set("Retry-After", String(options.windowSeconds));
        res.status(302).location(loginErrorLocation("rate_limited", req.query.returnTo)).end();
        return;
      }
      sendError(
        res,
        429,
        "rate_limited",
        "Too many sign-in requests. Please wait a moment and try again.",
      );
    },
  });
}
