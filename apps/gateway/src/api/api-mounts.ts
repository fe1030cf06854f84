import type { Express, RequestHandler } from "express";
import { Router } from "express";
import type { ProviderRegistry, ProviderSlot } from "../auth/providers.js";
import { apiPath } from "../auth/session-apis.js";
import { HttpError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { UpstreamConfig } from "../upstream-config.js";
import { type ApiProxyOptions, createApiProxy } from "./api-proxy.js";
import { providerApiTarget, upstreamApiTarget } from "./api-targets.js";

export type ApiMountOptions = Omit<ApiProxyOptions, "target" | "mountPath">;

/**
 * Mounts `/api/<id>/*` for every configured provider and `/api/<name>/*` for every upstream,
 * before any body parser (the proxies stream bodies as they came).
 */
export function mountApis(
  app: Express,
  providers: ProviderRegistry,
  upstreams: readonly UpstreamConfig[],
  options: ApiMountOptions,
): void {
  for (const slot of providers.values()) {
    const mountPath = apiPath(slot.id);
    app.use(mountPath, providerApiProxy(slot, { ...options, mountPath }));
  }
  for (const upstream of upstreams) {
    const mountPath = apiPath(upstream.name);
    const target = upstreamApiTarget(upstream, providers);
    app.use(mountPath, ...createApiProxy({ ...options, target, mountPath }));
  }
}

/**
 * A provider's API proxy, made on the first request: an OpenID Connect provider exists only
 * once discovery has run, and only then is it known whether it has an API. Made once and
 * kept; a provider that could not be made is tried again on the next request, and that
 * request is told the provider is unreachable (a 502), not that the gateway failed. A provider
 * without an API answers nothing here: the request falls through to a 404.
 */
function providerApiProxy(
  slot: ProviderSlot,
  options: Omit<ApiProxyOptions, "target">,
): RequestHandler {
  let proxy: Promise<RequestHandler | undefined> | undefined;
  const make = async () => {
    const { api } = await slot.get();
    if (!api) return undefined;
    return Router().use(...createApiProxy({ ...options, target: providerApiTarget(slot, api) }));
  };
  return async (req, res, next) => {
    proxy ??= make().catch((err: unknown) => {
      proxy = undefined;
      throw err;
    });
    let handler: RequestHandler | undefined;
    try {
      handler = await proxy;
    } catch (err) {
      requestLog(options.logger, req).warn(
        { provider: slot.id, err: { message: err instanceof Error ? err.message : String(err) } },
        "the provider for its API could not be made",
      );
      throw new HttpError(
        502,
        "upstream_unavailable",
        `${slot.name} could not be reached; try again shortly.`,
      );
    }
    if (handler) handler(req, res, next);
    else next();
  };
}
