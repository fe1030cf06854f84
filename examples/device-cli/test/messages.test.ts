import { ArgumentError, DeviceFlowError, NetworkError, ProviderError } from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { describeFailure } from "../src/messages.js";

const mockConfig = parseConfig({});
const githubConfig = parseConfig({ GITHUB_URL: "https://github.com", GITHUB_CLIENT_ID: "Iv1.x" });

describe("describeFailure", () => {
  it("when the codes expired, then it says to run the command again", () => {
    const error = new DeviceFlowError({ error: "expired_token" });
    expect(describeFailure(error, githubConfig)).toBe(
      "The code expired before it was entered. Run the command again for a new one.",
    );
  });

  it("when the app has the device flow off, then it says which setting to tick", () => {
    const error = new ProviderError({ error: "device_flow_disabled", status: 400 });
    expect(describeFailure(error, githubConfig)).toContain('tick "Enable Device Flow"');
  });

  it("when the default mock cannot be reached, then it says how to start it", () => {
    const error = new NetworkError("the request to http://localhost:4000/x failed", undefined);
    expect(describeFailure(error, mockConfig)).toContain("npm run mock-github");
    expect(describeFailure(error, githubConfig)).not.toContain("mock");
  });

  it("when oauth-core refuses an argument (a scope name from the configuration), then it is a configuration problem", () => {
    const error = new ArgumentError("scopes", "must be valid scope names");
    expect(describeFailure(error, githubConfig)).toBe(
      'Configuration: "scopes" must be valid scope names',
    );
  });
});
