import type { ProviderDefinition } from "../definition.js";
import { bitbucketDefinition } from "../providers/bitbucket.js";
import { discordDefinition } from "../providers/discord.js";
import { facebookDefinition } from "../providers/facebook.js";
import { githubDefinition } from "../providers/github/github.js";
import { gitlabDefinition } from "../providers/gitlab.js";
import { googleDefinition } from "../providers/google.js";
import { linkedinDefinition } from "../providers/linkedin.js";
import { microsoftDefinition } from "../providers/microsoft.js";
import { oauth2Definition } from "../providers/oauth2.js";
import { oidcDefinition } from "../providers/oidc.js";
import { slackDefinition } from "../providers/slack.js";
import { spotifyDefinition } from "../providers/spotify.js";
import { twitchDefinition } from "../providers/twitch.js";
import { twitterDefinition } from "../providers/twitter.js";
import { vkDefinition } from "../providers/vk/vk.js";
import { yandexDefinition } from "../providers/yandex.js";

export type {
  CommonProviderOptions,
  ProviderDefinition,
  ProviderFactoryOptions,
  ProviderSetting,
} from "../definition.js";

/**
 * Every provider Latchkey knows, by id: how to build it and how to set it up (each defined in
 * its provider's file, next to its factory). Frozen. For configuration-driven servers:
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
