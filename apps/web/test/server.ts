import { setupServer } from "msw/node";
import { createGatewayMock } from "../src/mocks";

// One mock gateway for the whole run; setup.ts resets it between tests.
export const gateway = createGatewayMock();
export const server = setupServer(...gateway.handlers);
