import { bitbucketDefinition } from "./bitbucket.js";
import { discordDefinition } from "./discord.js";
import { facebookDefinition } from "./facebook.js";
import { githubDefinition } from "./github.js";
import { gitlabDefinition } from "./gitlab.js";
import { googleDefinition } from "./google.js";
import { linkedinDefinition } from "./linkedin.js";
import { microsoftDefinition } from "./microsoft.js";
import { oauth2Definition } from "./oauth2.js";
import { oidcDefinition } from "./oidc.js";
import { slackDefinition } from "./slack.js";
import { spotifyDefinition } from "./spotify.js";
import { twitchDefinition } from "./twitch.js";
import { twitterDefinition } from "./twitter.js";
import type { ProviderDefinition } from "./types.js";
import { vkDefinition } from "./vk.js";
import { yandexDefinition } from "./yandex.js";

export type {
  CommonProviderOptions,
  ProviderDefinition,
  ProviderFactoryOptions,
  ProviderSetting,
} from "./types.js";

/**
 * Every provider Latchkey knows, by id: how to build it and how to set it up (one file each).
 * Frozen. For configuration-driven servers:
 * `providers[id]?.create({ clientId, clientSecret, ...settings })`.
 */
export const providers: Readonly<Record<string, ProviderDefinition>> = Object.freeze({
  github: githubDefinition,
  oidc: oidcDefinition,
  google: googleDefinition,
  microsoft: microsoftDefinition,
  gitlab: gitlabDefinition,
  linkedin: linkedinDefinition,
  slack: slackDefinition,
  twitch: twitchDefinition,
  oauth2: oauth2Definition,
  bitbucket: bitbucketDefinition,
  facebook: facebookDefinition,
  twitter: twitterDefinition,
  vk: vkDefinition,
  yandex: yandexDefinition,
  discord: discordDefinition,
  spotify: spotifyDefinition,
});
