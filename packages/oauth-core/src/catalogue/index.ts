import type { ProviderDefinition } from "../definition.js";
import * as exported from "../providers/index.js";

export type {
  CommonProviderOptions,
  ProviderDefinition,
  ProviderFactoryOptions,
  ProviderSetting,
} from "../definition.js";

function isDefinition(value: unknown): value is ProviderDefinition {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ProviderDefinition).id === "string" &&
    typeof (value as ProviderDefinition).create === "function" &&
    typeof (value as ProviderDefinition).setup === "object"
  );
}

/**
 * Every provider Latchkey knows, by id, in the order of their names: how to build it and how to
 * set it up (each defined in its provider's file, next to its factory). Frozen. For
 * configuration-driven servers: `await providers[id]?.create({ clientId, clientSecret,
 * ...settings })`.
 */
export const providers: Readonly<Record<string, ProviderDefinition>> = Object.freeze(
  Object.fromEntries(
    Object.values(exported)
      .filter(isDefinition)
      .sort((a, b) => a.name.localeCompare(b.name, "en"))
      .map((definition) => [definition.id, definition]),
  ),
);
