import type { HttpHandler } from "msw";
import type { MockContext } from "../context.js";
import { deviceCodeHandlers } from "./code.js";
import { devicePageHandlers } from "./page.js";

/** GitHub's device flow (RFC 8628); its token requests go to the token endpoint. */
export function deviceHandlers(context: MockContext): HttpHandler[] {
  return [...deviceCodeHandlers(context), ...devicePageHandlers(context)];
}
