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

/**
 * helmet's protections with a strict CSP for the SPA the gateway serves in production:
 * scripts and styles only from this origin, no framing, no plugin content, forms only to
 * this origin. Every response gets them; JSON answers are unaffected.
 */
export function securityHeaders(
  config: Config,
  providers: readonly OAuthProvider[],
): RequestHandler {
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
    crossOriginEmbedderPolicy: false,
  });
}
