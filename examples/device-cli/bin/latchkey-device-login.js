#!/usr/bin/env node
// The command npm links at install time, when dist/ is not built yet: a link to dist/cli.js
// itself would be skipped on a fresh clone, and `npm exec -- latchkey-device-login` would then
// look for the command on the registry.
await import("../dist/cli.js");
