// Where a sign-in may send the browser back to, with `/login` and `/logout` refused as the
// gateway and the SPA refuse them. Each row is [input, what safeReturnTo answers].

/** Same-origin paths are kept, resolved the way a browser would resolve them. */
export const KEPT_RETURN_TO: ReadonlyArray<readonly [string, string]> = [
  ["/restricted", "/restricted"],
  ["/repos?page=2", "/repos?page=2"],
  ["/repos?page=2#top", "/repos?page=2#top"],
  ["/repos?page=2&sort=name#top", "/repos?page=2&sort=name#top"],
  ["/a/../b", "/b"],
  // These only look like another host: they stay same-origin paths.
  ["/%09/evil.example", "/%09/evil.example"],
  ["/repos?next=//evil.example", "/repos?next=//evil.example"],
  ["/ｅvil", "/%EF%BD%85vil"],
  // Only the login page itself is refused, not paths that start with its name.
  ["/loginhelp", "/loginhelp"],
  ["/profile/login", "/profile/login"],
  // The longest value still read as a path.
  [`/${"a".repeat(2047)}`, `/${"a".repeat(2047)}`],
];

/** Everything else falls back to "/". */
export const REFUSED_RETURN_TO: ReadonlyArray<unknown> = [
  // Other origins, however spelled.
  "https://evil.example",
  "https:evil.example",
  "http://127.0.0.1:1/x",
  "//evil.example",
  "///evil.example",
  "//%65vil.example",
  " //evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  // Browsers read "\" as "/" and drop tabs and newlines inside URLs.
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\u0000/evil.example",
  // Encoded slashes and backslashes decode into the same tricks on some routers.
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5cevil.example",
  // Dot segments that collapse into a leading "//".
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/./%2e//evil.example",
  // Not a path at all.
  "",
  "restricted",
  `/${"a".repeat(2048)}`,
  `/${"a".repeat(10 * 1024)}`,
  // Coming back to the login page (or signing out) right after signing in is a loop.
  "/login",
  "/login/",
  "/Login",
  "/login?returnTo=%2F",
  "/login?returnTo=//evil.example",
  "/login#top",
  "/logout",
  "/a/../login",
  // A query string can carry anything: an array, an object, nothing.
  undefined,
  null,
  ["/a", "/b"],
  { href: "/a" },
  42,
];

/**
 * Every row of both tables that `safeReturnTo` answers differently, described: an empty list
 * means it follows the shared rule.
 */
export function returnToMismatches(safeReturnTo: (value: unknown) => string): string[] {
  const rows: ReadonlyArray<readonly [unknown, string]> = [
    ...KEPT_RETURN_TO,
    ...REFUSED_RETURN_TO.map((input) => [input, "/"] as const),
  ];
  return rows.flatMap(([input, expected]) => {
    const answer = safeReturnTo(input);
    if (answer === expected) return [];
    const shown = (JSON.stringify(input) ?? String(input)).slice(0, 80);
    return [
      `${shown} gave ${JSON.stringify(answer.slice(0, 80))}, not ${JSON.stringify(expected)}`,
    ];
  });
}
