export { SessionsPage } from "./SessionsPage";
export { type SessionsActionData, sessionsAction } from "./sessionsAction";
export { type SessionsData, sessionsLoader } from "./sessionsLoader";
