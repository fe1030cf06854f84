// The Redis-backed tests run against a real redis-server from Debian's package, which npm
// cannot install. The tests start their own on a free port and stop it; the system service
// is never started. Installed here when run as root, else the exact command is printed.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ensureDebianPackage } from "../../../e2e/scripts/debian-package.mjs";

const onPath = (process.env.PATH ?? "")
  .split(delimiter)
  .some((dir) => dir && existsSync(join(dir, "redis-server")));
if (!onPath) ensureDebianPackage({ binary: "/usr/bin/redis-server", pkg: "redis-server" });
