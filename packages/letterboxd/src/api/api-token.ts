/**
 * The client-credentials token cache: fetched lazily on the first call, shared by concurrent calls (one token
 * request at a time), reused until `marginMs` before it expires, and dropped when an endpoint refuses it.
 */

/** A token as issued: the bearer value and its lifetime (`null` when the server did not say). */
export interface IssuedToken {
  token: string;
  lifetimeMs: number | null;
}

/** The cache. */
export interface TokenCache {
  /** A valid token: the cached one, or a new one (one token request however many callers wait). */
  get(signal?: AbortSignal): Promise<string>;
  /** Forget `token` (an endpoint answered 401 with it); a newer token is kept. */
  invalidate(token: string): void;
}

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts (the promise keeps running). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * `issue()` requests a token (no caller's signal: one caller giving up must not fail the others). A token is
 * renewed `marginMs` before it expires, or halfway through its life when that is shorter.
 */
export function createTokenCache(issue: () => Promise<IssuedToken>, marginMs: number): TokenCache {
  let current: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const refresh = (): Promise<string> => {
    pending ??= issue()
      .then(({ token, lifetimeMs }) => {
        const renewIn = lifetimeMs === null ? Number.POSITIVE_INFINITY : lifetimeMs - Math.min(marginMs, lifetimeMs / 2);
        current = { token, renewAt: Date.now() + renewIn };
        return token;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  return {
    get(signal) {
      if (current && Date.now() < current.renewAt) return Promise.resolve(current.token);
      return raceAbort(refresh(), signal);
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}
