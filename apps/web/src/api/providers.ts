import type { ProviderOption, ProvidersBody } from "@latchkey/contracts";
import { apiUrl, ensureOk, readJson, send } from "./http";
import { expectArray, expectNullableString, expectRecord, expectString } from "./parse";

// Only the login page asks for the providers, so this stays out of the main chunk (see
// routes.tsx) and arrives with that page.

/** A sign-in option offered by `GET /auth/providers`. */
export type Provider = ProviderOption;

export async function getProviders(): Promise<Provider[]> {
  const response = await send(apiUrl("/auth/providers"), {
    headers: { Accept: "application/json" },
  });
  return readJson(await ensureOk(response), parseProviders);
}

function parseProviders(body: unknown): ProvidersBody["providers"] {
  const list = expectArray(expectRecord(body, "body").providers, "providers");
  return list.map((value, index) => {
    const provider = expectRecord(value, `providers[${index}]`);
    const prefix = `providers[${index}].`;
    return {
      id: expectString(provider, "id", prefix),
      name: expectString(provider, "name", prefix),
      loginUrl: expectString(provider, "loginUrl", prefix),
      api: expectNullableString(provider, "api", prefix),
    };
  });
}
