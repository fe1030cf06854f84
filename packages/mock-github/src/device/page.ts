import { type HttpHandler, http } from "msw";
import type { MockContext } from "../context.js";
import { permissionLines } from "../oauth/authorize-page.js";
import { redirect } from "../oauth/authorize-request.js";
import { consentPage, pathOf } from "../oauth/consent-page.js";
import { errorPage, escapeHtml, htmlDocument, htmlResponse } from "../oauth/html.js";
import { decideDevice } from "./decide.js";
import type { DeviceAuthorization } from "./store.js";

const INVALID_CODE = "That code is invalid, has expired or was already used. Check your device.";
const INPUT_STYLE =
  "font: inherit; font-size: 1.3rem; letter-spacing: .15em; text-transform: uppercase; width: 100%; padding: .4rem .6rem; margin: .5rem 0; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg);";

function page(status: number, title: string, body: string): Response {
  const html = htmlDocument(`${title} · GitHub`, `<div class="card">\n${body}\n</div>`);
  return htmlResponse(status, html);
}

/** Step 1, as on github.com/login/device: type the code the device shows. */
function entryPage(context: MockContext, status: number, userCode = "", problem = ""): Response {
  const alert = problem ? `<p role="alert">${escapeHtml(problem)}</p>` : "";
  return page(
    status,
    "Device activation",
    `<h1>Device activation</h1>
<p>Enter the code displayed on your device.</p>
${alert}
<form method="get" action="${escapeHtml(`${pathOf(context.baseUrl)}/login/device`)}">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" value="${escapeHtml(userCode)}" required autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX" style="${INPUT_STYLE}">
<div class="actions"><button type="submit" class="primary">Continue</button></div>
</form>
<p class="note">This is a mock GitHub for development: no real account is involved.</p>`,
  );
}

/** Step 2: the consent screen shared with the web flow, for the app behind the code. */
function devicePage(context: MockContext, authorization: DeviceAuthorization): Response {
  const appName = context.clients.get(authorization.clientId)?.name ?? authorization.clientId;
  return consentPage(context, {
    title: "Device activation",
    heading: `Authorize ${appName}`,
    intro: `<strong>${escapeHtml(appName)}</strong> on the device showing <code>${escapeHtml(authorization.userCode)}</code> wants to access your account.`,
    permissions: permissionLines(authorization.scopes),
    action: `${pathOf(context.baseUrl)}/login/device`,
    fields: { user_code: authorization.userCode },
    // The decision's answer: a page of the mock itself, as GitHub's.
    redirectUri: `${context.baseUrl}/login/device/success`,
    suggested: undefined,
    site: "GitHub",
  });
}

/** GET and POST /login/device, and the pages the decision lands on. */
export function devicePageHandlers(context: MockContext): HttpHandler[] {
  const path = `${context.baseUrl}/login/device`;
  return [
    http.get(path, ({ request }) => {
      const userCode = new URL(request.url).searchParams.get("user_code");
      if (userCode === null) return entryPage(context, 200);
      const authorization = context.state.devices.pending(userCode);
      return authorization
        ? devicePage(context, authorization)
        : entryPage(context, 404, userCode, INVALID_CODE);
    }),

    http.post(path, async ({ request }) => {
      const type = request.headers.get("content-type") ?? "";
      if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        return errorPage(415, "Unsupported Media Type", "Submit the form as a web form.");
      }
      const form = new URLSearchParams(await request.text());
      const userCode = form.get("user_code") ?? "";
      const cancel = form.has("cancel");
      const choice = cancel ? "denied" : { login: form.get("login") ?? "" };
      const result = decideDevice(context, userCode, choice);
      if (result === "unknown_code") return entryPage(context, 404, userCode, INVALID_CODE);
      if (result === "unknown_login") {
        return errorPage(400, "Unknown account", "Choose one of the accounts offered on the page.");
      }
      return redirect(`${path}/${cancel ? "failure" : "success"}`);
    }),

    http.get(`${path}/success`, () =>
      page(
        200,
        "Device activated",
        `<h1>Congratulations, you're all set!</h1>
<p role="status">Your device is now connected. You can close this window.</p>`,
      ),
    ),

    http.get(`${path}/failure`, () =>
      page(
        200,
        "Device not activated",
        `<h1>Access denied</h1>
<p role="status">You cancelled: the device was not given access to your account.</p>`,
      ),
    ),
  ];
}
