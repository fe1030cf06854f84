import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { providers } from "../src/index.js";

// The repository README's provider table is what people configure from: it must name every
// provider in the catalogue with the variables that enable it and the settings it reads.
const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const table = readme.slice(readme.indexOf("## Sign-in providers"));

describe("the README's provider table", () => {
  it.each(Object.values(providers).map((d) => [d.id, d] as const))(
    "when %s is in the catalogue, then the README has its row, variables and settings",
    (id, definition) => {
      const ID = id.toUpperCase();
      const row = table
        .split("\n")
        .find((line) => line.startsWith(`| ${definition.name} (\`${id}\`)`));
      expect(row, `no README row for ${id}`).toBeDefined();
      expect(row).toContain(`\`${ID}_CLIENT_ID\``);
      for (const setting of definition.settings) expect(row).toContain(`\`${ID}_${setting.env}\``);
      for (const scope of definition.setup.defaultScopes) expect(row).toContain(scope);
    },
  );

  it("when the catalogue is counted, then it holds at least the fifteen promised providers", () => {
    const ids = Object.keys(providers);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of [
      "github",
      "gitlab",
      "google",
      "microsoft",
      "bitbucket",
      "facebook",
      "twitter",
      "vk",
      "yandex",
      "discord",
      "linkedin",
      "slack",
      "twitch",
      "spotify",
      "oidc",
      "oauth2",
    ]) {
      expect(ids).toContain(id);
    }
  });
});
