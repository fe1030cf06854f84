import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import {
  type Alias,
  defaultClientConditions,
  defineConfig,
  loadEnv,
  type ProxyOptions,
} from "vite";

// The repository's .env is shared by every app, so read it from the root.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

// The workspace's own packages export their TypeScript under this condition, so the dev
// server runs @latchkey/oauth-core from its src/ and needs no build of it first (the gateway's
// dev script passes the same condition to Node). A production build still reads their dist/.
const WORKSPACE_SOURCE = "@latchkey/source";

// /api and /auth go to the gateway so the SPA and its cookies share one origin.
// changeOrigin stays off (the gateway sees the SPA's Host and builds its callback URL from it)
// and xfwd tells it which scheme/host/port the browser really used.
function gatewayProxy(target: string): Record<string, ProxyOptions> {
  const options: ProxyOptions = { target, changeOrigin: false, xfwd: true };
  return { "^/api/": options, "^/auth/": options };
}

// react's and react-dom's entry files only pick a build by NODE_ENV (react-dom's also run a
// dead-code check for React DevTools): in the bundle that is a few hundred bytes of shims.
function reactProduction(): Alias[] {
  const require = createRequire(import.meta.url);
  const react = dirname(require.resolve("react/package.json"));
  const reactDom = dirname(require.resolve("react-dom/package.json"));
  // scheduler is react-dom's dependency, so it is looked up from there.
  const scheduler = dirname(
    createRequire(join(reactDom, "package.json")).resolve("scheduler/package.json"),
  );
  const cjs = (dir: string, name: string) => join(dir, "cjs", `${name}.production.js`);
  return [
    { find: /^react$/, replacement: cjs(react, "react") },
    { find: /^react\/jsx-runtime$/, replacement: cjs(react, "react-jsx-runtime") },
    { find: /^react-dom$/, replacement: cjs(reactDom, "react-dom") },
    { find: /^react-dom\/client$/, replacement: cjs(reactDom, "react-dom-client") },
    { find: /^scheduler$/, replacement: cjs(scheduler, "scheduler") },
  ];
}

export default defineConfig(({ command, mode }) => {
  const env = loadEnv(mode, repoRoot, "");
  const gateway = env.GATEWAY_URL || `http://localhost:${env.PORT || "3000"}`;
  const port = Number.parseInt(env.WEB_PORT || "5173", 10);

  return {
    plugins: [react()],
    server: { port, strictPort: true, proxy: gatewayProxy(gateway) },
    preview: { proxy: gatewayProxy(gateway) },
    // Pre-bundled up front: a dependency discovered mid-session would reload the page
    // and lose an in-progress sign-in.
    optimizeDeps: {
      include: ["react", "react-dom", "react-dom/client", "react-router", "react-router/dom"],
    },
    resolve:
      command === "build"
        ? { alias: reactProduction() }
        : { conditions: [WORKSPACE_SOURCE, ...defaultClientConditions] },
    build: {
      outDir: "dist",
      // dist/ is what the gateway serves, so maps would hand out the SPA's source. The dev
      // server still has them.
      sourcemap: false,
      // Every browser the SPA supports has <link rel="modulepreload">.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        treeshake: {
          // react-router's production build still calls these to console.warn a developer's
          // mistake (an unsupported lazy property, a second blocker…). Nobody reads a visitor's
          // console, and the dev server, which runs react-router's development build, keeps them.
          manualPureFunctions: ["warning", "warningOnce", "warnOnce"],
        },
      },
    },
  };
});
