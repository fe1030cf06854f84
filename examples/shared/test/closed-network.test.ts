import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loopbackOnly } from "../src/test-support/index.js";

const network = setupServer();
let local: Server;
let localUrl: string;

beforeAll(async () => {
  local = createServer((_request, response) => response.end("local"));
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
  network.listen({ onUnhandledFrame: loopbackOnly });
});
afterAll(async () => {
  network.close();
  await new Promise((resolve) => local.close(resolve));
});

describe("the network the examples' tests run on", () => {
  it("when a request goes to this machine, then it reaches the server listening there", async () => {
    const response = await fetch(localUrl);
    expect(await response.text()).toBe("local");
  });

  it("when a request would leave the machine, then msw fails it as a network error", async () => {
    // msw prints the refused request; keep the report quiet.
    const print = vi.spyOn(console, "error").mockImplementation(() => {});
    const error: unknown = await fetch("https://api.github.com/user").catch((e) => e);
    print.mockRestore();
    expect(error).toBeInstanceOf(TypeError);
    // Let through, it would fail here too, but with a DNS error as the cause.
    const cause = (error as TypeError).cause;
    expect(cause instanceof Response && cause.type).toBe("error");
  });
});
