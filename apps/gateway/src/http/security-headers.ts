import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "@latchkey/oauth-core";
import type { RequestHandler } from "express";
import helmet from "helmet";
import type { Config } from "../config.js";

/**
 * Avatars come from each provider's own CDN (githubusercontent, googleusercontent, gravatar,
 * cdn.discordapp.com…), a list that grows with the catalogue; images cannot run code, so any
 * https image is allowed, plus the provider hosts themselves (a GHES or the mock on http).
 */
const AVATAR_SOURCES = ["https:"];

/** What the headers need to know of a configured provider (a slot of the provider registry). */
export interface ProviderHosts {
  /** Its settings as configured. */
  readonly settings: Readonly<Record<string, string>>;
  /** The provider, when it is already made. */
  known(): Pick<Provider, "api"> | undefined;
}

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
  providers: readonly ProviderHosts[],
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

/**
 * The provider hosts an avatar may come from over plain http (a GitHub Enterprise Server, the
 * dev mock), decided once, before any discovery: every URL among a provider's configured
 * settings (`GITHUB_URL`, `GITHUB_API_URL`, `OIDC_ISSUER`…), and the API base of a provider
 * already made. The default hosts of public providers are https, which `AVATAR_SOURCES`
 * already allows.
 */
function providerOrigins(providers: readonly ProviderHosts[]): Set<string> {
  const origins = new Set<string>();
  for (const provider of providers) {
    const urls = [...Object.values(provider.settings), provider.known()?.api?.baseUrl];
    for (const url of urls) {
      if (url && /^https?:\/\//.test(url) && URL.canParse(url)) origins.add(new URL(url).origin);
    }
  }
  return origins;
}

function helmetFor(config: Config, providers: readonly ProviderHosts[]): RequestHandler {
  const https = config.publicUrl.startsWith("https:");
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", ...AVATAR_SOURCES, ...providerOrigins(providers)],
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
