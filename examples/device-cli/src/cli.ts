#!/usr/bin/env node
import { type Config, configFromEnvironment } from "./config.js";
import { deviceLogin } from "./login.js";
import { describeFailure } from "./messages.js";

/** 128 + SIGINT, as shells report a command stopped with Ctrl-C. */
const INTERRUPTED = 130;

async function main(): Promise<number> {
  let config: Config | undefined;
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  try {
    config = configFromEnvironment();
    const user = await deviceLogin(config, {
      signal: controller.signal,
      prompt: ({ verificationUri, userCode }) => {
        console.error(`Open ${verificationUri} and enter ${userCode}`);
        console.error("Waiting for you to approve in the browser… (Ctrl-C to stop)");
      },
    });
    // Only the user goes to stdout, so the output can be piped to jq.
    process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      console.error("Cancelled.");
      return INTERRUPTED;
    }
    console.error(describeFailure(error, config));
    return 1;
  }
}

// Exit at once: a token request may still be in flight after Ctrl-C.
process.exit(await main());
