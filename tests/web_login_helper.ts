/** Log in to a running `openchargeback serve` over HTTP, as a browser would. */

/** Sign in as `login` and return the Cookie header value of the new session. */
export async function loginAs(base: string, login: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const html = await form.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error("the login page has no CSRF token");
  const preCookies = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: preCookies,
      origin: base,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: token, login, password }),
  });
  await res.body?.cancel();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) =>
    c.startsWith("oc_session=")
  );
  if (res.status !== 303 || !session) throw new Error(`login failed with HTTP ${res.status}`);
  return session;
}
