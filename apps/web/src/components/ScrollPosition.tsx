import { useEffect, useLayoutEffect, useRef } from "react";
import { useLocation, useNavigationType } from "react-router";

/**
 * A page reached by a link starts at its top, or at its #fragment; Back and Forward return to
 * where the reader was. The router renders a page only once its data has loaded, so the page
 * has its full height by the time this runs. A reload is left to the browser.
 */
export function ScrollPosition() {
  const { key, hash } = useLocation();
  const type = useNavigationType();
  // How far down the reader was on each history entry, by the entry's key.
  const positions = useRef(new Map<string, number>()).current;

  useEffect(() => {
    const remember = () => positions.set(key, window.scrollY);
    window.addEventListener("scroll", remember, { passive: true });
    return () => window.removeEventListener("scroll", remember);
  }, [key, positions]);

  useLayoutEffect(() => {
    const saved = positions.get(key);
    const target = fragmentTarget(hash);
    if (type === "POP" && saved !== undefined) window.scrollTo(0, saved);
    else if (target) target.scrollIntoView();
    else if (type !== "POP") window.scrollTo(0, 0);
  }, [key, hash, type, positions]);

  return null;
}

function fragmentTarget(hash: string): HTMLElement | null {
  if (!hash) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    // A malformed %-escape names no element; the page just starts at its top.
    return null;
  }
}
