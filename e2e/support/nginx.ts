import { readFileSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Started, start, stop } from "./processes.js";

/** What varies between the test's balancer and a deployment's. */
export interface Site {
  listen: string;
  serverName: string;
  /** host:port of each gateway instance */
  gateways: string[];
}

/** The values the README's "Running several instances" shows the template filled with. */
export const DOCUMENTED_SITE: Site = {
  listen: "80",
  serverName: "latchkey.example.com",
  gateways: ["10.0.0.11:3000", "10.0.0.12:3000"],
};

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "nginx.conf.template");

/** The one site config, for the tests and the README alike; a `{{gateway}}` line repeats. */
export async function renderSite(site: Site): Promise<string> {
  const template = await readFile(TEMPLATE, "utf8");
  return template
    .split("\n")
    .flatMap((line) =>
      line.includes("{{gateway}}")
        ? site.gateways.map((gateway) => line.replace("{{gateway}}", gateway))
        : [line],
    )
    .join("\n")
    .replace("{{listen}}", site.listen)
    .replace("{{server_name}}", site.serverName);
}

export interface RunningNginx {
  started: Started;
  /** Stops nginx and removes its folder. */
  stop: () => Promise<void>;
}

/**
 * Runs nginx in the foreground as a child process, everything it writes (pid, logs, temp
 * files) inside a folder of its own, so it needs no system configuration and no service.
 */
export async function startNginx(site: Site): Promise<RunningNginx> {
  const dir = await mkdtemp(join(tmpdir(), "latchkey-nginx-"));
  // Run as root, nginx's workers drop to an unprivileged user that must reach the temp paths.
  await chmod(dir, 0o755);
  const errorLog = join(dir, "error.log");
  await writeFile(join(dir, "site.conf"), await renderSite(site));
  await writeFile(
    join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${errorLog} warn;
events { worker_connections 256; }
http {
    access_log ${join(dir, "access.log")};
    client_body_temp_path ${join(dir, "client_body")};
    proxy_temp_path ${join(dir, "proxy")};
    fastcgi_temp_path ${join(dir, "fastcgi")};
    uwsgi_temp_path ${join(dir, "uwsgi")};
    scgi_temp_path ${join(dir, "scgi")};
    # Which instance answered; the tests prove the round-robin with it. Not part of the site.
    add_header X-Upstream $upstream_addr always;
    include ${join(dir, "site.conf")};
}
`,
  );
  const nginx = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
  const child = start(
    "nginx",
    nginx,
    ["-p", dir, "-e", errorLog, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"],
    { cwd: dir, env: {} },
  );
  const started: Started = {
    ...child,
    output: () => `${child.output()}\n${errorLog}:\n${readIfThere(errorLog)}`,
  };
  return {
    started,
    stop: async () => {
      await stop(started);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-5_000);
  } catch {
    return "(none)";
  }
}
