/**
 * A small politeness limiter: at most `concurrency` tasks hold a slot at once, and consecutive slot grants
 * (request starts) are at least `minDelayMs` apart. One limiter is shared by every method of a client.
 */
export interface Limiter {
  /** Waits for a slot; resolves with a release function. Rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

interface Waiter {
  grant: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createLimiter(concurrency: number, minDelayMs: number): Limiter {
  const slots = Math.max(1, Math.floor(concurrency));
  const spacing = Math.max(0, minDelayMs);
  const queue: Waiter[] = [];
  let active = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = (): void => {
    active -= 1;
    pump();
  };

  function pump(): void {
    if (timer !== undefined) return;
    while (active < slots && queue.length > 0) {
      const wait = lastStart + spacing - Date.now();
      if (wait > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
        return;
      }
      const next = queue.shift() as Waiter;
      next.signal?.removeEventListener('abort', next.onAbort);
      active += 1;
      lastStart = Date.now();
      let released = false;
      next.grant(() => {
        if (released) return;
        released = true;
        release();
      });
    }
  }

  return {
    acquire(signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const waiter: Waiter = {
          grant: resolve,
          reject,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            if (queue.length === 0 && timer !== undefined) {
              // Nobody is waiting any more: do not keep the process alive for the spacing timer.
              clearTimeout(timer);
              timer = undefined;
            }
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
  };
}
