/** Link relations of an HTTP `Link` header (RFC 8288), e.g. `{ next: "…", last: "…" }`. */
export type LinkRels = Readonly<Partial<Record<string, string>>>;

// One link: `<target>` followed by `; name=value` params, where a quoted value may hold , or ;
const LINK = /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,"]*))?)*)/g;
const PARAM = /;\s*([^;,=\s]+)(?:\s*=\s*(?:"([^"]*)"|([^;,"]*)))?/g;

export function parseLinkHeader(header: string | null | undefined): LinkRels {
  // A Map, not an object, so a hostile rel such as "__proto__" stays an ordinary key.
  const rels = new Map<string, string>();
  if (!header) return {};
  for (const [, target = "", params = ""] of header.matchAll(LINK)) {
    const rel = relOf(params);
    if (rel === undefined) continue;
    // `rel="next last"` names two relations for one target.
    for (const name of rel.toLowerCase().split(/\s+/)) {
      // RFC 8288 §3.3: the first occurrence wins.
      if (name && !rels.has(name)) rels.set(name, target.trim());
    }
  }
  return Object.fromEntries(rels);
}

function relOf(params: string): string | undefined {
  for (const [, name = "", quoted, bare] of params.matchAll(PARAM)) {
    if (name.toLowerCase() === "rel") return (quoted ?? bare ?? "").trim();
  }
  return undefined;
}
