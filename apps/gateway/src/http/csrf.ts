import type { RequestHandler } from "express";
import { HttpError } from "./errors.js";

/**
 * State-changing and token-spending routes need `X-CSRF: 1`: a custom header that a
 * cross-site form or image cannot send, and that a cross-site fetch cannot send without a
 * CORS preflight this gateway never grants. Requests that say they come from another site
 * are refused as well.
 */
export function requireCsrf(publicUrl: string): RequestHandler {
  const allowedOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (req.get("sec-fetch-site") === "cross-site") {
      throw new HttpError(403, "cross_site_request", "Cross-site requests are not allowed.");
    }
    const origin = req.get("origin");
    if (origin !== undefined && origin !== allowedOrigin) {
      throw new HttpError(403, "cross_site_request", "Cross-site requests are not allowed.");
    }
    if (req.get("x-csrf") !== "1") {
      throw new HttpError(403, "csrf_header_missing", 'This request needs the header "X-CSRF: 1".');
    }
    next();
  };
}
