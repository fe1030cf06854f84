import { once } from "node:events";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { developmentEnv, startGatewayProcess } from "./support/process.js";

const busy: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of busy.splice(0)) server.close();
});

describe("the gateway's start", () => {
  it("when its port is taken, then it says so in one line, with no stack, and exits 1", async () => {
    const holder = createServer();
    busy.push(holder);
    holder.listen(0, "127.0.0.1");
    await once(holder, "listening");
    const address = holder.address();
    const port = typeof address === "object" && address ? address.port : 0;

    const gateway = startGatewayProcess(developmentEnv(port, "http://127.0.0.1:9"));
    expect(await gateway.exited).toBe(1);
    const output = gateway.output();
    expect(output).toContain(
      `Cannot listen on 127.0.0.1:${port}: another process is using the port (stop it, or set PORT to another one)`,
    );
    expect(output).not.toMatch(/\n\s+at |"level":60/);
  }, 30_000);
});
