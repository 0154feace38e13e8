import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('serves a stored value until invalidated', async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    cache.invalidate();
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a value loaded across an invalidation (it may be stale)', async () => {
    const cache = new ReadCache();
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((r) => (release = () => r('old'))));
    cache.invalidate(); // a write committed while the read was running
    release();
    expect(await slow).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('is bypassed while disabled and never keeps failures', async () => {
    const cache = new ReadCache();
    cache.setEnabled(false);
    await cache.get('k', async () => 'a');
    expect(cache.size).toBe(0);
    cache.setEnabled(true);
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 'b')).toBe('b');
  });

  it('bounds its size and expires entries', async () => {
    const cache = new ReadCache(2, 1);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('c', async () => 3);
    expect(cache.size).toBe(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(await cache.get('c', async () => 30)).toBe(30);
  });
});
