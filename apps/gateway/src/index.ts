export { type AppDeps, createApp, GITHUB_PROXY_PATH } from "./app.js";
export { type Config, ConfigError, loadConfig } from "./config.js";
