import type { IncomingMessage, ServerResponse } from "node:http";
import type { OAuthProvider } from "@latchkey/oauth-core";
import type { RequestHandler } from "express";
import helmet from "helmet";
import type { Config } from "../config.js";

/**
 * Avatars come from each provider's own CDN (githubusercontent, googleusercontent, gravatar,
 * cdn.discordapp.com…), a list that grows with the catalogue; images cannot run code, so any
 * https image is allowed, plus the provider hosts themselves (a GHES or the mock on http).
 */
const AVATAR_SOURCES = ["https:"];

/** Sets the security headers on one response. */
export type SecurityHeaders = (res: ServerResponse) => void;

/**
 * helmet's protections with a strict CSP for the SPA the gateway serves in production:
 * scripts and styles only from this origin, no framing, no plugin content, forms only to
 * this origin. Every response gets them; JSON answers are unaffected.
 *
 * helmet decides the headers; with no per-request values (no nonces) they are the same on
 * every response, so they are worked out once here and then copied onto each response,
 * instead of running helmet's dozen middlewares per request.
 */
export function securityHeaders(
  config: Config,
  providers: readonly OAuthProvider[],
): SecurityHeaders {
  const headers = fixedHeaders(helmetFor(config, providers));
  // Every response pays for this loop: an indexed one over flat arrays, not a destructuring
  // iterator, which measured as costly as Node's own header checks.
  const names = headers.map(([name]) => name);
  const values = headers.map(([, value]) => value);
  return (res) => {
    for (let i = 0; i < names.length; i++) res.setHeader(names[i] as string, values[i] as string);
  };
}

/**
 * Runs a header-setting middleware once against a recording response. It must set headers
 * only (helmet also removes X-Powered-By, which the app never sends) and finish at once.
 */
function fixedHeaders(middleware: RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  let finished = false;
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
      return recorder;
    },
    removeHeader() {},
  };
  middleware(
    {} as IncomingMessage as never,
    recorder as unknown as ServerResponse as never,
    (err?: unknown) => {
      if (err) throw err;
      finished = true;
    },
  );
  if (!finished) throw new Error("security headers must be decided without waiting");
  return headers;
}

function helmetFor(config: Config, providers: readonly OAuthProvider[]): RequestHandler {
  const providerOrigins = new Set<string>();
  for (const provider of providers) {
    for (const url of [provider.authorizationEndpoint, provider.apiUrl]) {
      // OpenID Connect providers learn their endpoints by discovery; "" until then.
      if (url) providerOrigins.add(new URL(url).origin);
    }
  }
  const https = config.publicUrl.startsWith("https:");
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", ...AVATAR_SOURCES, ...providerOrigins],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        ...(https && { "upgrade-insecure-requests": [] }),
      },
    },
    // HSTS only means something over https; on http it would only confuse a local setup.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "no-referrer" },
    // The same answer as frame-ancestors 'none', for browsers that only read this header.
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}
