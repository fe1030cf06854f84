// The browser tests need a few programs npm cannot install (Chromium, nginx). Each comes
// from Debian's own package: installed here when run as root, otherwise the exact command
// is printed and the tests stop. Nothing is ever downloaded from anywhere else.
import { execFileSync } from "node:child_process";
import { existsSync, unlinkSync, writeFileSync } from "node:fs";

const POLICY_RC_D = "/usr/sbin/policy-rc.d";

/**
 * Exits the process with 1 when `binary` is missing and cannot be installed.
 * `override` names the variable that points at another binary, if there is one.
 */
export function ensureDebianPackage({ binary, pkg, override }) {
  if (existsSync(binary)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    const other = override ? `\n\n(or set ${override} to an existing ${pkg} binary)` : "";
    console.error(
      `${pkg} is missing at ${binary}. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y ${pkg}${other}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian's ${pkg} package for the end-to-end tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // A package with a system service (nginx, redis) must not start it: the tests run their
  // own on free ports. Debian's policy-rc.d answering 101 forbids the start during install.
  const blockServices = !existsSync(POLICY_RC_D);
  if (blockServices) writeFileSync(POLICY_RC_D, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    execFileSync("apt-get", ["update"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], {
      stdio: "inherit",
      env,
    });
  } finally {
    if (blockServices) unlinkSync(POLICY_RC_D);
  }
  if (!existsSync(binary)) {
    console.error(`apt-get finished but ${binary} is still missing.`);
    process.exit(1);
  }
}
