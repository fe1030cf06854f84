/**
 * Whether a session secret looks guessable. iron derives its keys with a single PBKDF2
 * iteration, so a weak secret is cracked offline from any one cookie: length alone is not
 * enough. This cannot measure true randomness; it refuses the shapes people actually type:
 * one character repeated, a pattern or word repeated, and runs like "abcdef…" or "0123…".
 */
export function isGuessableSecret(secret: string): boolean {
  const chars = [...secret];
  if (chars.length < 2) return true;
  const period = smallestPeriod(chars);
  if (estimatedBits(chars.slice(0, period)) < MIN_ESTIMATED_BITS) return true;
  return stepRatio(chars) > MAX_STEP_RATIO;
}

/**
 * Below this the characters carry too little variety. `openssl rand -hex 16` (128 random
 * bits) estimates at 95 or more; the same password repeated, at a fraction of this.
 */
const MIN_ESTIMATED_BITS = 80;
/** Random secrets rarely have more than half their neighbours equal or one apart. */
const MAX_STEP_RATIO = 0.6;

/** Length × Shannon entropy of the character frequencies. */
function estimatedBits(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * chars.length;
}

/** The shortest prefix that the whole secret repeats ("abcabcab" → 3), else its length. */
function smallestPeriod(chars: string[]): number {
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((c, i) => i < period || c === chars[i - period])) return period;
  }
  return chars.length;
}

/** Share of neighbours that are equal or one code point apart ("aa", "ab", "21"). */
function stepRatio(chars: string[]): number {
  let steps = 0;
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]?.codePointAt(0) ?? 0;
    const b = chars[i]?.codePointAt(0) ?? 0;
    if (Math.abs(a - b) <= 1) steps++;
  }
  return steps / (chars.length - 1);
}
