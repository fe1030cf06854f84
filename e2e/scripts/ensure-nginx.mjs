// The load-balancer test puts Debian's nginx in front of two gateways. It runs nginx as its
// own child process on a free port; the system service is never started.
import { ensureDebianPackage } from "./debian-package.mjs";

ensureDebianPackage({
  binary: process.env.NGINX_PATH ?? "/usr/sbin/nginx",
  pkg: "nginx",
  override: "NGINX_PATH",
});
