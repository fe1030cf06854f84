export { ErrorPage } from "./ErrorPage";
export { HomePage } from "./HomePage";
export { LoginPage } from "./LoginPage";
export { NotFoundPage } from "./NotFoundPage";
export { ProfilePage } from "./ProfilePage";
export { RestrictedPage } from "./RestrictedPage";
export { ReposPage, reposLoader } from "./repos";
