import http from "node:http";
import { describe, expect, it } from "vitest";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

// A file-like path: msw's own "error" strategy would let it out to the real host.
const OFF_MACHINE = "https://api.github.com/repos/octocat/hello-world/contents/package.json";

describe("the tests' network", () => {
  it("when fetch reaches for a host off this machine, then it fails as a network error without a lookup", async () => {
    const error = await fetch(OFF_MACHINE).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    // Stopped in the process: the cause is the network error answer, not a DNS or socket error.
    expect(error).toMatchObject({ cause: { type: "error" } });
  });

  it("when node:http reaches for a host off this machine, then the request errors without a lookup", async () => {
    const error = await new Promise<unknown>((resolve) => {
      const req = http.request(OFF_MACHINE.replace("https:", "http:"), () => resolve(undefined));
      req.on("error", resolve);
      req.end();
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty("syscall");
    expect(error).toMatchObject({ message: "Network error" });
  });
});
