export { ReposPage } from "./ReposPage";
export { pageOf, parsePage, parseRepos, type Repo } from "./repos";
export { REPOS_PER_PAGE, type ReposData, reposLoader } from "./reposLoader";
