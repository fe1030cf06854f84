const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 && Number.isSafeInteger(number) ? number : undefined;
}

/**
 * GitHub's list pagination: `page` (default 1) and `per_page` (default 30, capped at
 * 100); values that are not positive numbers fall back to the defaults instead of failing.
 * The Link header repeats the request's own URL, other parameters untouched, in
 * GitHub's order: prev, next, last, first.
 */
export function paginate<T>(url: URL, items: readonly T[]): { items: T[]; link?: string } {
  const page = positiveInt(url.searchParams.get("page")) ?? 1;
  const perPage = Math.min(
    positiveInt(url.searchParams.get("per_page")) ?? DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
  );
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);

  const at = (target: number) => {
    const link = new URL(url);
    link.searchParams.set("page", String(target));
    return link.href;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${at(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) {
    rels.push(`<${at(page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
  }
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return rels.length > 0 ? { items: slice, link: rels.join(", ") } : { items: slice };
}

/** A 200 with one page of `items` and, when there are other pages, the Link header. */
export function pageReply<T>(
  url: URL,
  items: readonly T[],
  serialize: (item: T) => unknown = (item) => item,
): { status: number; body: unknown; headers: Record<string, string> } {
  const page = paginate(url, items);
  return {
    status: 200,
    body: page.items.map(serialize),
    headers: page.link ? { link: page.link } : {},
  };
}
