import { join } from "node:path";
import express, { Router } from "express";

/** Vite puts content-hashed files here: a new build means new names, so they never change. */
const HASHED_ASSETS = /[\\/]assets[\\/]/;

/**
 * Serves the built SPA in production: hashed assets cached for a year, `index.html` never
 * cached (so a deploy is picked up at once), and every other GET that wants HTML answered
 * with `index.html`, so client-side routes like `/repos?page=2` survive a reload.
 */
export function createSpaRouter(dir: string): Router {
  const router = Router();
  router.use(
    express.static(dir, {
      index: false,
      setHeaders(res, path) {
        res.setHeader(
          "Cache-Control",
          HASHED_ASSETS.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
  router.get(/^\/(?!api\/|auth\/).*/, (req, res, next) => {
    // A missing /assets/app-123.js must stay a 404, not turn into index.html.
    if (!req.accepts("html") || /\.[^/]+$/.test(req.path)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(join(dir, "index.html"), (err) => {
      if (err) next(err);
    });
  });
  return router;
}
