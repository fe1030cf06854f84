import { Router } from "express";

export interface Readiness {
  /** False once shutdown has begun, so a load balancer stops sending new requests. */
  ready: boolean;
}

/** `/healthz`: the process answers. `/readyz`: it should get traffic (not the provider's health). */
export function createHealthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .status(readiness.ready ? 200 : 503)
      .json({ status: readiness.ready ? "ready" : "shutting_down" });
  });
  return router;
}
