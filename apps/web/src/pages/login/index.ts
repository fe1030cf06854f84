export { LoginPage } from "./LoginPage";
export { type LoginData, loginLoader } from "./loginLoader";
