import { describe, expect, it } from 'vitest';
import { createTtlCache } from '../src/ttl-cache';

describe('createTtlCache', () => {
  it('drops the oldest entries beyond maxEntries', async () => {
    const cache = createTtlCache({ ttlMs: 1000, maxEntries: 2 });
    let loads = 0;
    const load = (value: string) => async () => {
      loads += 1;
      return value;
    };
    await cache.get('a', load('A'));
    await cache.get('b', load('B'));
    await cache.get('c', load('C'));
    expect(cache.size()).toBe(2);
    expect(await cache.get('b', load('B2'))).toBe('B');
    expect(await cache.get('a', load('A2'))).toBe('A2');
    expect(loads).toBe(4);
  });

  it('does not store a load that was in flight when the cache was cleared', async () => {
    const cache = createTtlCache({ ttlMs: 1000 });
    let release!: (value: string) => void;
    const pending = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.clear();
    release('stale');
    expect(await pending).toBe('stale');
    expect(cache.size()).toBe(0);
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
  });
});
