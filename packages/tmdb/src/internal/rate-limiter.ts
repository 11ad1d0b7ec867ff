import { sleep } from '@lbx/internal';

/** A token bucket: `perSecond` requests per second on average, bursts up to `perSecond`. */
export interface RateLimiter {
  /** Resolves when a request may go out; rejects with the signal's reason when aborted while waiting. */
  take(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(perSecond: number): RateLimiter {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return { take: async () => undefined };
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let updatedAt = Date.now();
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - updatedAt) / 1000) * perSecond);
    updatedAt = now;
  };

  const acquire = async (signal?: AbortSignal) => {
    signal?.throwIfAborted();
    refill();
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) / perSecond) * 1000), signal);
      refill();
    }
    tokens -= 1;
  };

  return {
    take(signal) {
      // One waiter at a time keeps the order fair; an aborted waiter does not block the ones behind it.
      const turn = queue.then(() => acquire(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
