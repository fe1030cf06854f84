import { playwright } from "@vitest/browser-playwright";
import { msw } from "msw/vite";
import { configDefaults, defineConfig } from "vitest/config";
// Debian's Chromium and the repository's flags for it, as the end-to-end suite launches it.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../e2e/support/chromium.js";

/** The same test files as vitest.config.ts, run in Chromium instead of Node. */
export default defineConfig({
  // msw's Service Worker script, from the installed msw (so it always matches the library),
  // served at /mockServiceWorker.js: the tests start the worker themselves, so only the script.
  plugins: [msw({ mode: "worker-only" })],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      // Scans src/ with node:fs for Node-only APIs: a check of files, not of any runtime.
      "test/source.test.ts",
      // Reads src/ with node:fs to check which folder imports which.
      "test/layout.test.ts",
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
