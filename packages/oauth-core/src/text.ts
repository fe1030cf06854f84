const ELLIPSIS = "…";

/**
 * Provider-supplied text ends up in error messages, logs and pages. Control characters could
 * forge log lines and unbounded text could flood them, so it is flattened and capped here,
 * once. Markup is kept as text: whoever renders it must escape it.
 */
export function toPlainText(value: string, maxLength: number): string {
  const flat = value
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const codePoints = Array.from(flat);
  if (codePoints.length <= maxLength) return flat;
  return codePoints.slice(0, maxLength - 1).join("") + ELLIPSIS;
}

/** Keeps only absolute http(s) URLs: a `javascript:` link from a provider must never render. */
export function toHttpUrl(value: string | undefined | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:" ? value : null;
}
