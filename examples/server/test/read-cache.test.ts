import { describe, expect, it } from 'vitest';
import { createReadCache } from '../src/read-cache';

const value = (name: string) => ({ name });

describe('createReadCache', () => {
  it('drops the least recently used entries beyond maxEntries', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 2 });
    let loads = 0;
    const load = (name: string) => async () => {
      loads += 1;
      return value(name);
    };
    await cache.fetch('a', load('A'));
    await cache.fetch('b', load('B'));
    await cache.fetch('c', load('C'));
    expect(cache.size()).toBe(2);
    expect(await cache.fetch('b', load('B2'))).toEqual(value('B'));
    expect(await cache.fetch('a', load('A2'))).toEqual(value('A2'));
    expect(loads).toBe(4);
  });

  it('serves a value until ttlMs has passed on its clock', async () => {
    let now = 5_000;
    const cache = createReadCache({ ttlMs: 1000, now: () => now });
    expect(await cache.fetch('k', async () => value('first'))).toEqual(value('first'));
    now += 999;
    expect(await cache.fetch('k', async () => value('second'))).toEqual(value('first'));
    now += 2;
    expect(await cache.fetch('k', async () => value('third'))).toEqual(value('third'));
  });

  it("ends one caller's wait on its signal without cancelling the load the others share", async () => {
    const cache = createReadCache({ ttlMs: 1000 });
    let release!: (v: { name: string }) => void;
    let loads = 0;
    let loadSignal: AbortSignal | undefined;
    const load = (signal: AbortSignal) => {
      loads += 1;
      loadSignal = signal;
      return new Promise<{ name: string }>((resolve) => (release = resolve));
    };
    const leaving = new AbortController();
    const first = cache.fetch('k', load, { signal: leaving.signal });
    const second = cache.fetch('k', load);
    leaving.abort(new Error('client went away'));
    await expect(first).rejects.toThrow('client went away');
    expect(loadSignal?.aborted).toBe(false);
    release(value('shared'));
    expect(await second).toEqual(value('shared'));
    expect(loads).toBe(1);
    expect(await cache.fetch('k', load, { signal: new AbortController().signal })).toEqual(value('shared'));
    await expect(cache.fetch('other', load, { signal: AbortSignal.abort(new Error('already gone')) })).rejects.toThrow('already gone');
  });

  it('aborts the load when the last caller waiting on it leaves, drops it, and starts afresh for the next', async () => {
    const cache = createReadCache({ ttlMs: 1000 });
    const signals: AbortSignal[] = [];
    const load = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<{ name: string }>((resolve) => setTimeout(() => resolve(value(`load ${signals.length}`)), 0));
    };
    const [a, b] = [new AbortController(), new AbortController()];
    const first = cache.fetch('k', load, { signal: a.signal });
    const second = cache.fetch('k', load, { signal: b.signal });
    expect(cache.waiters('k')).toBe(2);
    a.abort(new Error('a left'));
    expect(signals[0]?.aborted).toBe(false);
    b.abort(new Error('b left'));
    expect(signals[0]?.aborted).toBe(true);
    await expect(first).rejects.toThrow('a left');
    await expect(second).rejects.toThrow('b left');
    expect(cache.waiters('k')).toBe(0);
    expect(await cache.fetch('k', load)).toEqual(value('load 2'));
  });

  it('lets a load evicted while in flight settle for its callers, without storing it', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 1 });
    let release!: (v: { name: string }) => void;
    const pending = cache.fetch('a', () => new Promise<{ name: string }>((resolve) => (release = resolve)));
    await cache.fetch('b', async () => value('B'));
    release(value('late'));
    expect(await pending).toEqual(value('late'));
    expect(await cache.fetch('a', async () => value('fresh'))).toEqual(value('fresh'));
  });
});
