import {
  type Config,
  createSignIn,
  errorPage,
  handleFailure,
  logToStderr,
  type SignInOptions,
} from "@latchkey/example-shared";
import { Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { authRoutes } from "./routes.js";

/**
 * The example as a Hono app. It only needs `app.fetch`, a Web-standard handler: `server.ts`
 * serves it with @hono/node-server, and the same app would run on Deno, Bun or a worker.
 */
export function createApp(config: Config, options: SignInOptions = {}): Hono {
  const log = options.log ?? logToStderr;
  const app = new Hono();

  // The CSP lets the pages do nothing but post the logout form to this origin;
  // `same-origin` keeps `/callback?code=…` out of other sites' Referer headers while the
  // sign-out form still carries this origin in `Origin` (under `no-referrer` browsers send
  // `Origin: null`, which the logout must refuse).
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  // Signed-in pages stay out of shared caches and the back button.
  app.use(async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  // Without it, Hono answers a known path with another method 404, as for an unknown path.
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const allow = methods.join(", ");
        return c.html(errorPage("Method not allowed", `Use ${allow}.`), 405, { allow });
      },
    }),
  );

  app.route("/", authRoutes(createSignIn(config, options)));
  app.notFound((c) => c.html(errorPage("Not found", "There is no page at this address."), 404));

  app.onError((error, c) => {
    const failure = handleFailure(error, `${c.req.method} ${c.req.path}`, log);
    return c.html(
      errorPage(failure.title, failure.message),
      failure.status as ContentfulStatusCode,
    );
  });
  return app;
}
