import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    // A second run (on another Node line) names its own report with --outputFile.json=….
    outputFile: { json: "test-results/vitest.json" },
  },
});
