import { Router } from "express";

export interface Readiness {
  /** False once shutdown has begun, so a load balancer stops sending new requests. */
  ready: boolean;
}

/**
 * `/healthz`: the process answers. `/readyz`: it should get traffic — not shutting down and
 * its store reachable. The provider's health is deliberately not part of it: GitHub being
 * down must not take every gateway out of the load balancer.
 */
export function createHealthRouter(readiness: Readiness, store: { ping(): Promise<void> }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    if (!readiness.ready) {
      res.status(503).json({ status: "shutting_down" });
      return;
    }
    try {
      await store.ping();
    } catch {
      res.status(503).json({ status: "store_unavailable" });
      return;
    }
    res.json({ status: "ready" });
  });
  return router;
}
