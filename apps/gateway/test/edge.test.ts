import { describe, expect, it } from "vitest";
import { GatewayMetrics } from "../src/observability/metrics.js";
import { startGateway } from "./support/gateway.js";
import { jsonLogger } from "./support/logs.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

/** Metrics whose request counter fails, as a registry bug or a bad label would. */
class BrokenMetrics extends GatewayMetrics {
  override request(): void {
    throw new RangeError("counter broke");
  }
}

describe("the end of every answer", () => {
  it("when counting an answer throws, then the gateway keeps answering and each failure is logged once", async () => {
    const { logger, lines } = jsonLogger();
    const gateway = await startGateway({}, { logger, metrics: new BrokenMetrics() });
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    }
    await expect
      .poll(() => lines.filter((line) => line.msg === "could not record an answer").length)
      .toBe(3);
    const failure = lines.find((line) => line.msg === "could not record an answer");
    expect(failure).toMatchObject({ level: 50, err: { message: "counter broke" } });
  });

  it("when the access log itself throws, then the gateway keeps answering", async () => {
    const { logger } = jsonLogger();
    logger.info = () => {
      throw new TypeError("log broke");
    };
    const gateway = await startGateway({}, { logger });
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
