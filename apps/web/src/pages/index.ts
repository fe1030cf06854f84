export { type DriveData, DrivePage, driveLoader } from "./drive";
export { ErrorPage } from "./ErrorPage";
export { HomePage } from "./HomePage";
export { type LoginData, LoginPage, loginLoader } from "./login";
export { NotFoundPage } from "./NotFoundPage";
export { ProfilePage } from "./ProfilePage";
export { RestrictedPage } from "./RestrictedPage";
export { ReposPage, reposLoader } from "./repos";
export {
  type SessionsActionData,
  type SessionsData,
  SessionsPage,
  sessionsAction,
  sessionsLoader,
} from "./sessions";
