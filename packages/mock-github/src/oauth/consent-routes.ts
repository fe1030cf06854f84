import { type HttpHandler, http } from "msw";
import { errorPage } from "./html.js";

export type Validated<T> = { ok: true; request: T } | { ok: false; response: Response };

/** One sign-in page's routes: GET shows it, POST (the form) acts on the person's choice. */
export interface ConsentRoutes<T> {
  /** Who the mock stands in for, in error pages' titles. */
  site?: string;
  /** Checks the request's parameters, the query's for GET and the form's for POST. */
  validate(params: URLSearchParams): Validated<T>;
  page(request: T): Response;
  /** The answer to the button pressed: `login` or `cancel` in `form`. */
  decide(request: T, form: URLSearchParams): Response;
}

async function formBody(request: Request): Promise<URLSearchParams | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return undefined;
  return new URLSearchParams(await request.text());
}

export function consentRoutes<T>(path: string, routes: ConsentRoutes<T>): HttpHandler[] {
  return [
    http.get(path, ({ request }) => {
      const checked = routes.validate(new URL(request.url).searchParams);
      return checked.ok ? routes.page(checked.request) : checked.response;
    }),

    // The form's decision. Everything is checked again: the fields came back from the browser.
    http.post(path, async ({ request }) => {
      const form = await formBody(request);
      if (!form) {
        return errorPage(
          415,
          "Unsupported Media Type",
          "Submit the form as application/x-www-form-urlencoded.",
          routes.site,
        );
      }
      const checked = routes.validate(form);
      return checked.ok ? routes.decide(checked.request, form) : checked.response;
    }),
  ];
}
