export {
  apisFor,
  defaultProviders,
  googler,
  type MockDriveFile,
  type MockRepo,
  octocat,
  seedDriveFiles,
  seedRepos,
  seedSessions,
  sessionFor,
} from "./data";
export { createGatewayMock, type GatewayMock, type GatewayState } from "./gateway";
