import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        plugins: [react()],
        test: {
          name: "app",
          // jsdom's default location is http://localhost:3000, so the API client (which resolves
          // paths against window.location.origin) and msw's relative handlers meet there.
          environment: "jsdom",
          include: ["test/**/*.test.{ts,tsx}"],
          exclude: ["test/build.test.ts"],
          setupFiles: ["test/setup.ts"],
          // Above Testing Library's 5 s wait (test/setup.ts), so a slow wait fails as a wait.
          testTimeout: 15_000,
        },
      },
      {
        // Runs the production build itself, in Node, as `npm run build` does.
        test: { name: "build", environment: "node", include: ["test/build.test.ts"] },
      },
    ],
  },
});
