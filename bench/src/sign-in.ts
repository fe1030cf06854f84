/**
 * Signs in through the gateway and the mock's consent form as a browser would (a cookie jar
 * for one origin, every redirect followed by hand), and returns the Cookie header to send.
 */
export async function signIn(origin: string, login = "octocat"): Promise<string> {
  const jar = new Map<string, string>();
  const get = async (url: string | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const target = new URL(url, origin);
    if (target.origin === origin && jar.size > 0) {
      headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    if (target.origin === origin) {
      for (const raw of response.headers.getSetCookie()) {
        const [pair = ""] = raw.split(";");
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (value === "" || /max-age=0/i.test(raw)) jar.delete(name);
        else jar.set(name, value);
      }
    }
    return response;
  };
  const login1 = await get("/auth/github/login?returnTo=%2Frestricted");
  if (login1.status !== 302) throw new Error(`login answered ${login1.status}`);
  const authorize = new URL(login1.headers.get("location") ?? "");
  const fields = new URLSearchParams(authorize.searchParams);
  fields.set("login", login);
  const consent = await fetch(new URL(authorize.pathname, authorize), {
    method: "POST",
    body: fields,
    redirect: "manual",
  });
  const callback = new URL(consent.headers.get("location") ?? "");
  if (callback.origin !== origin) throw new Error(`consent redirected to ${callback}`);
  const done = await get(`${callback.pathname}${callback.search}`);
  if (done.status !== 302) {
    throw new Error(`callback answered ${done.status}: ${await done.text()}`);
  }
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const me = await fetch(new URL("/api/me", origin), { headers: { cookie } });
  if (!me.ok) throw new Error(`/api/me answered ${me.status} after sign-in`);
  return cookie;
}
