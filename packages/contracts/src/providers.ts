/** One sign-in option of `GET /auth/providers`. */
export interface ProviderOption {
  id: string;
  /** Shown as "Sign in with <name>". */
  name: string;
  /** A same-origin path that starts the sign-in; `?returnTo=` is appended by the SPA. */
  loginUrl: string;
  /** The path of the provider's API through the gateway (`/api/github`), or null when it has none. */
  api: string | null;
}

/** `GET /auth/providers`: every enabled provider, in the order to show them. */
export interface ProvidersBody {
  providers: ProviderOption[];
}
