import { spotify } from "../providers/spotify.js";
import type { ProviderDefinition } from "./types.js";

export const spotifyDefinition: ProviderDefinition = {
  id: "spotify",
  name: "Spotify",
  protocol: "oauth2",
  create: (o) => spotify(o),
  settings: [],
  setup: {
    console: "https://developer.spotify.com/dashboard",
    defaultScopes: ["user-read-email", "user-read-private"],
    refresh: "always",
    revocation: false,
    pkce: true,
    notes:
      "Access tokens last 1 hour; a refresh may leave out a new refresh token (keep the old one). Spotify documents the email as unverified, so the normalized email is null (raw keeps it).",
  },
};
