import type { ApiOption, Me } from "@latchkey/contracts";
import { isRecord } from "./parse";

// A same-origin prefix under /api/ with no dot segments, query or fragment: requests are built
// by appending to it, so a prefix from the gateway can never point them anywhere else.
const API_PATH = /^\/api(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;

/**
 * `/api/me`'s `apis`, keeping only the entries that make sense. It decides which pages to show,
 * never who may call what (the gateway does), so an older gateway without it, or a malformed
 * list, means no such pages rather than a broken app.
 */
export function parseApis(value: unknown): ApiOption[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): ApiOption[] => {
    if (!isRecord(entry)) return [];
    const { name, path, kind } = entry;
    if (typeof name !== "string" || name === "") return [];
    if (typeof path !== "string" || !API_PATH.test(path)) return [];
    if (kind !== "provider" && kind !== "upstream") return [];
    return [{ name, path, kind }];
  });
}

/** The session's own provider API named `name` (`"github"`, `"google"`), if it has one. */
export function providerApi(me: Me | null, name: string): ApiOption | null {
  return me?.apis.find((api) => api.kind === "provider" && api.name === name) ?? null;
}
