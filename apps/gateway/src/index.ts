export { type AppDeps, createApp } from "./app.js";
export { type Config, ConfigError, loadConfig } from "./config.js";
