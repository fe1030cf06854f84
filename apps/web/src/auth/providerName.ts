import { useEffect, useState } from "react";
import { getProviders } from "../api";

/**
 * The display name ("Google") of the provider a session was started with, once
 * `/auth/providers` has said it; null until then, or when it cannot say.
 */
export function useProviderName(providerId: string | null): string | null {
  const [known, setKnown] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    if (providerId === null) return;
    let current = true;
    getProviders().then(
      (providers) => {
        const provider = providers.find((option) => option.id === providerId);
        if (current && provider) setKnown({ id: providerId, name: provider.name });
      },
      // Only a nicer wording is lost: the text stays neutral.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [providerId]);

  return known !== null && known.id === providerId ? known.name : null;
}
