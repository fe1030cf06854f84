import type { Provider } from "@latchkey/oauth-core";

/**
 * The callback parameters the provider's token requests need besides the code (VK ID's
 * `device_id`), those present only. Kept with the tokens: each refresh needs them again.
 */
export function tokenParamsFrom(
  provider: Pick<Provider, "tokenParams">,
  callback: URLSearchParams,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of provider.tokenParams) {
    const value = callback.get(name);
    if (value !== null) found[name] = value;
  }
  return found;
}
