export type { MockGitHubOptions } from "./context.js";
export type { ActiveFault, Fault, FaultKind, FaultTarget, MockFaults } from "./faults/types.js";
export { FAULT_KINDS, FAULT_TARGETS } from "./faults/types.js";
export type { MockGitHubServer, StartMockGitHubServerOptions } from "./http-server.js";
export { startMockGitHubServer } from "./http-server.js";
export type { MockGitHub } from "./mock.js";
export { createMockGitHub } from "./mock.js";
export { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET, seedOidcClients } from "./oidc/seed.js";
export type { MockOidcClient } from "./oidc/types.js";
export {
  MOCK_APP_CLIENT_ID,
  MOCK_APP_CLIENT_SECRET,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  seedAccounts,
  seedClients,
  seedOrgs,
} from "./seed.js";
export type {
  MockClient,
  RecordedRequest,
  SeedAccount,
  SeedEmail,
  SeedOrg,
  SeedRepo,
} from "./types.js";
