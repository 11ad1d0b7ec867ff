/**
 * A small politeness limiter: at most `concurrency` tasks hold a slot at once, and consecutive slot grants
 * (request starts) are at least `minDelayMs` apart. One limiter is shared by every method of a client.
 */
export interface Limiter {
  /**
   * Waits for a slot; resolves with a release function. Rejects with the signal's reason on abort (the waiter
   * leaves the queue at once), and with {@link LimiterQueueFull} when `maxQueue` tasks already wait.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** Internal: the limiter's queue is full (`maxQueue` tasks already wait); the caller turns it into its own error. */
export class LimiterQueueFull extends Error {
  constructor(readonly maxQueue: number) {
    super(`${maxQueue} requests are already waiting for a slot`);
  }
}

interface Waiter {
  grant: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * `maxQueue`: most tasks waiting (for a free slot or for the spacing) on top of those holding a slot; one more
 * is refused with {@link LimiterQueueFull} at once. Default: unbounded.
 */
export function createLimiter(concurrency: number, minDelayMs: number, maxQueue = Number.POSITIVE_INFINITY): Limiter {
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

  /** Nobody is waiting any more: do not keep the process alive for the spacing timer. */
  function stopIdleTimer(): void {
    if (queue.length === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  }

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
            stopIdleTimer();
            reject(signal?.reason);
          },
        };
        queue.push(waiter);
        pump();
        if (!queue.includes(waiter)) return; // granted at once
        if (queue.length > maxQueue) {
          // It would wait behind `maxQueue` others: refuse it instead (it is the last one in the queue).
          queue.pop();
          stopIdleTimer();
          reject(new LimiterQueueFull(maxQueue));
          return;
        }
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
      });
    },
  };
}
