// Every provider, one line each: its file exports its factory, its options type and its
// catalogue entry (`<id>Definition`), and this line makes all three public and puts the entry
// in the `providers` catalogue. Adding a provider is its file plus its line here.
export * from "./bitbucket.js";
export * from "./discord.js";
export * from "./facebook.js";
export * from "./github/github.js";
export * from "./gitlab.js";
export * from "./google.js";
export * from "./linkedin.js";
export * from "./microsoft.js";
export * from "./oauth2.js";
export * from "./oidc.js";
export * from "./slack.js";
export * from "./spotify.js";
export * from "./twitch.js";
export * from "./twitter.js";
export * from "./vk/vk.js";
export * from "./yandex.js";
