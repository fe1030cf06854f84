import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { configDefaults, defineConfig, type Plugin } from "vitest/config";
// Debian's Chromium and the repository's flags for it, as the end-to-end suite launches it.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../e2e/support/chromium.js";

/**
 * msw's Service Worker script, served from the installed msw (so it always matches the library
 * version) at the root, whose scope covers the test pages. Nothing generated is committed.
 */
function mockServiceWorker(): Plugin {
  const script = pathToFileURL(createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"));
  return {
    name: "oauth-core:msw-service-worker",
    configureServer(server) {
      server.middlewares.use("/mockServiceWorker.js", (_request, response) => {
        response.setHeader("Content-Type", "text/javascript");
        response.setHeader("Cache-Control", "no-store");
        response.end(readFileSync(script, "utf8"));
      });
    },
  };
}

/** The same test files as vitest.config.ts, run in Chromium instead of Node. */
export default defineConfig({
  plugins: [mockServiceWorker()],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      // Scans src/ with node:fs for Node-only APIs: a check of files, not of any runtime.
      "test/source.test.ts",
      // Reads the repository README with node:fs to check its provider table against the code.
      "test/readme-providers.test.ts",
      // Packs the package and runs its CLIs in child processes.
      "test/package/**",
      // Asks which Node.js line runs the suite.
      "test/runtime.test.ts",
    ],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.browser.json" }]],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      }),
      instances: [{ browser: "chromium" }],
      // Nothing is rendered: a screenshot of a failure would show an empty page.
      screenshotFailures: false,
    },
  },
});
