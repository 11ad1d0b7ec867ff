/** A minimal cookie-keeping client for the dashboard tests that do not need a browser. */
export interface FormClient {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  /** The cookies held, `name=value` each. */
  cookies(): string[];
  /** The `_csrf` value of the first form in `html`. */
  csrfOf(html: string): string;
}

/** A client of `base` that keeps the cookies the server sets (like a browser, minus the browser). */
export function formClient(base: string): FormClient {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const cookieHeader = (): Record<string, string> =>
    jar.size === 0 ? {} : { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
  return {
    get: async (path, headers = {}) => keep(await fetch(`${base}${path}`, { redirect: 'manual', headers: { ...cookieHeader(), ...headers } })),
    post: async (path, form, headers = {}) =>
      keep(
        await fetch(`${base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...cookieHeader(), ...headers },
          body: new URLSearchParams(form).toString(),
        }),
      ),
    cookies: () => [...jar].map(([name, value]) => `${name}=${value}`),
    csrfOf(html) {
      const match = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!match) throw new Error(`no CSRF field in:\n${html.slice(0, 500)}`);
      return match[1] as string;
    },
  };
}
