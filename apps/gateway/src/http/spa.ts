import { Router } from "express";
import { loadStaticFiles, sendStaticFile } from "./static-files.js";

/** Vite puts content-hashed files here: a new build means new names, so they never change. */
const HASHED_ASSETS = /^\/assets\//;

/**
 * Serves the built SPA in production: hashed assets cached for a year, `index.html` never
 * cached (so a deploy is picked up at once), and every other GET that wants HTML answered
 * with `index.html`, so client-side routes like `/repos?page=2` survive a reload. The files
 * are read once, at startup (see `loadStaticFiles`).
 */
export function createSpaRouter(dir: string): Router {
  const files = loadStaticFiles(dir);
  const index = files.get("/index.html");
  const router = Router();
  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = files.get(req.path);
    if (file) {
      const hashed = HASHED_ASSETS.test(req.path);
      return sendStaticFile(
        req,
        res,
        file,
        hashed ? "public, max-age=31536000, immutable" : "no-cache",
      );
    }
    // A missing /assets/app-123.js must stay a 404, not turn into index.html; so must the API.
    const page = !/\.[^/]+$/.test(req.path) && !/^\/(api|auth)\//.test(req.path);
    if (!index || !page || !req.accepts("html")) return next();
    sendStaticFile(req, res, index, "no-cache");
  });
  return router;
}
