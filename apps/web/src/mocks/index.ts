export { defaultProviders, type MockRepo, octocat, seedRepos, sessionFor } from "./data";
export { createGatewayMock, type GatewayMock, type GatewayState } from "./gateway";
