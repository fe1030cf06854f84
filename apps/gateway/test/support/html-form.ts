/** A page's form as a browser would submit it: where, and the fields it already holds. */
export interface HtmlForm {
  action: string;
  method: string;
  /** Hidden inputs with their values. */
  hidden: URLSearchParams;
  /** Every input the person fills in (text, password…), by name. */
  inputs: string[];
}

/** The page had no form where one was expected (an error page, say): its start is in the message. */
export class NoFormError extends Error {
  readonly code = "no_form";
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const decode = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ENTITIES[name] ?? "");

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name = "", value = ""] of tag.matchAll(/([\w.-]+)="([^"]*)"/g)) {
    found[name.toLowerCase()] = decode(value);
  }
  return found;
}

/**
 * The first form of a server-rendered page (the provider's login, consent and sign-out pages
 * are plain HTML with no script needed). Relative actions resolve against `pageUrl`.
 */
export function readForm(html: string, pageUrl: string): HtmlForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new NoFormError(`no form on ${pageUrl}: ${html.slice(0, 300)}`);
  const { action = pageUrl, method = "get" } = attributes(form[1] ?? "");
  const hidden = new URLSearchParams();
  const inputs: string[] = [];
  for (const [tag] of (form[2] ?? "").matchAll(/<input\b[^>]*>/gi)) {
    const input = attributes(tag);
    if (!input.name) continue;
    if (input.type === "hidden") hidden.append(input.name, input.value ?? "");
    else inputs.push(input.name);
  }
  return { action: new URL(action, pageUrl).href, method: method.toLowerCase(), hidden, inputs };
}
