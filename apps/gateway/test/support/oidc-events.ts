import type { Provider } from "oidc-provider";

/** What a token, code, grant or session in an event said about itself. */
export interface EventModel {
  kind: string;
  jti: string;
  grantId?: string;
  clientId?: string;
  accountId?: string;
  codeChallengeMethod?: string;
}

/** One thing the provider did, with the useful fields of what it emitted. */
export interface ProviderEvent {
  name: string;
  /** The provider's route that handled the request ("token", "revocation", "end_session_confirm"…). */
  route?: string;
  clientId?: string;
  grantType?: string;
  model?: EventModel;
  /** What a revocation request revoked: the token's kind, when the provider knew the token. */
  revoked?: EventModel;
  error?: { error: string; description?: string };
  /** grant.revoked's grant; backchannel.*'s account and session id. */
  grantId?: string;
  accountId?: string;
  sid?: string;
}

/** The events listened to: the provider's own (docs/events.md) and the models' lifecycles. */
const PROVIDER_EVENTS = [
  "authorization.success",
  "authorization.error",
  "grant.success",
  "grant.error",
  "grant.revoked",
  "revocation.error",
  "end_session.success",
  "end_session.error",
  "end_session_confirm.error",
  "backchannel.success",
  "backchannel.error",
  "userinfo.error",
  "server_error",
];
const MODEL_EVENTS = ["saved", "consumed", "destroyed"].flatMap((what) =>
  ["access_token", "authorization_code", "refresh_token", "grant", "session"].map(
    (model) => `${model}.${what}`,
  ),
);
/** The string arguments after the request context, by event. */
const POSITIONAL: Record<string, (keyof ProviderEvent)[]> = {
  "grant.revoked": ["grantId"],
  "backchannel.success": ["accountId", "sid"],
  "backchannel.error": ["accountId", "sid"],
};

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

function modelOf(value: unknown): EventModel | undefined {
  const it = record(value);
  const kind = text(it?.kind);
  const jti = text(it?.jti);
  if (!it || !kind || !jti) return undefined;
  const optional = ["grantId", "clientId", "accountId", "codeChallengeMethod"] as const;
  const model: EventModel = { kind, jti };
  for (const field of optional) {
    const value = text(it[field]);
    if (value !== undefined) model[field] = value;
  }
  return model;
}

/** The route, client and grant type of a Koa context carrying `ctx.oidc`. */
function requestOf(value: unknown): Partial<ProviderEvent> | undefined {
  const oidc = record(record(value)?.oidc);
  if (!oidc) return undefined;
  const route = text(oidc.route);
  const clientId = text(record(oidc.client)?.clientId);
  const grantType = text(record(oidc.params)?.grant_type);
  return {
    ...(route && { route }),
    ...(clientId && { clientId }),
    ...(grantType && { grantType }),
  };
}

function errorOf(value: unknown): ProviderEvent["error"] {
  if (!(value instanceof Error)) return undefined;
  const it = value as Error & { error?: unknown; error_description?: unknown };
  const description = text(it.error_description) ?? value.message;
  return { error: text(it.error) ?? value.name, ...(description && { description }) };
}

export function describeEvent(name: string, args: readonly unknown[]): ProviderEvent {
  const event: ProviderEvent = { name };
  const strings = args.filter((arg): arg is string => typeof arg === "string");
  for (const [i, field] of (POSITIONAL[name] ?? []).entries()) {
    if (strings[i] !== undefined) Object.assign(event, { [field]: strings[i] });
  }
  for (const arg of args) {
    const request = requestOf(arg);
    if (request) Object.assign(event, request);
    const model = modelOf(arg);
    if (model) event.model = model;
    const clientId = text(record(arg)?.clientId);
    if (!model && !request && clientId) event.clientId = clientId;
    const error = errorOf(arg);
    if (error) event.error = error;
  }
  return event;
}

/** The provider did not do what a test waited for. */
export class EventTimeoutError extends Error {
  readonly code = "event_timeout";
}

/** Everything a provider emitted since it started, and a way to wait for what it will. */
export class ProviderEvents {
  readonly list: ProviderEvent[] = [];
  private readonly waiting = new Set<(event: ProviderEvent) => void>();

  constructor(provider: Provider) {
    for (const name of [...PROVIDER_EVENTS, ...MODEL_EVENTS]) {
      provider.on(name, (...args) => this.add(describeEvent(name, args)));
    }
    // oidc-provider emits nothing when a revocation succeeds: its answer is read instead.
    provider.use(async (ctx, next) => {
      await next();
      const request = requestOf(ctx);
      if (request?.route !== "revocation" || record(ctx)?.status !== 200) return;
      const entities = record(record(record(ctx)?.oidc)?.entities);
      const revoked = modelOf(entities?.RefreshToken) ?? modelOf(entities?.AccessToken);
      this.add({ name: "revocation.success", ...request, ...(revoked && { revoked }) });
    });
  }

  /** The events of that name, oldest first. */
  named(name: string): ProviderEvent[] {
    return this.list.filter((event) => event.name === name);
  }

  /** The first event of that name (already recorded, or the next), matching `test` if given. */
  waitFor(
    name: string,
    timeoutMs = 2_000,
    test: (event: ProviderEvent) => boolean = () => true,
  ): Promise<ProviderEvent> {
    const matches = (event: ProviderEvent) => event.name === name && test(event);
    const seen = this.list.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(listener);
        const names = this.list.map((event) => event.name).join(", ");
        reject(
          new EventTimeoutError(
            `the provider did not emit ${name} within ${timeoutMs} ms (saw: ${names})`,
          ),
        );
      }, timeoutMs);
      const listener = (event: ProviderEvent) => {
        if (!matches(event)) return;
        clearTimeout(timer);
        this.waiting.delete(listener);
        resolve(event);
      };
      this.waiting.add(listener);
    });
  }

  private add(event: ProviderEvent): void {
    this.list.push(event);
    for (const listener of [...this.waiting]) listener(event);
  }
}
