// Browser tests drive Debian's Chromium; npm cannot install it, so this does (as root) or
// says exactly what to run. It never downloads a browser build of its own.
import { ensureDebianPackage } from "./debian-package.mjs";

ensureDebianPackage({
  binary: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  pkg: "chromium",
  override: "CHROMIUM_PATH",
});
