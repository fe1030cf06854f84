// For the examples' tests only (`@latchkey/example-shared/test-support`): it imports vitest,
// msw and the mock GitHub, which the servers themselves never load.
export { type Choice, type Page, parseSetCookie, type SetCookie, TestBrowser } from "./browser.js";
export { type ChromiumJourneyOptions, describeChromiumJourney } from "./chromium-journey.js";
export { loopbackOnly } from "./closed-network.js";
export { expectLoginRedirect, IN_PROCESS_CONFIG } from "./in-process.js";
export { describeLoginSuite, type LoginSuiteOptions } from "./login-suite.js";
export {
  type ExampleExit,
  type ExampleProcess,
  freePort,
  type PackageDir,
  runExampleToExit,
  startExample,
  startQuietServer,
  stopExamples,
} from "./process.js";
export { startTokenTap, type TokenTap } from "./token-tap.js";
