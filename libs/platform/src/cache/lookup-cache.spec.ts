import { ErrorCode } from '@tdkt/contracts';
import { AppError, RpcCallError } from '../nats/app-error';
import { LookupCache } from './lookup-cache';

const notFound = () =>
  new RpcCallError({ code: ErrorCode.NOT_FOUND, message: 'no such group' }, 'registry.member.list');
const unavailable = () =>
  new RpcCallError({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'down' }, 'registry.member.list');

describe('LookupCache', () => {
  it('answers concurrent calls with one load', async () => {
    const cache = new LookupCache<number>(60_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return 7;
    };
    expect(await Promise.all(Array.from({ length: 14 }, () => cache.get('k', load)))).toEqual(
      Array(14).fill(7),
    );
    expect(loads).toBe(1);
  });

  it("passes the other service's 404 on to every concurrent caller, not only the first", async () => {
    const cache = new LookupCache<number>(60_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      throw notFound();
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 14 }, () => cache.get('nope', load)));
    expect(loads).toBe(1);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const reason = (o as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(AppError);
      expect((reason as AppError).code).toBe(ErrorCode.NOT_FOUND);
    }
    // A failure is not kept: the next call loads again.
    await expect(cache.get('nope', async () => 1)).resolves.toBe(1);
  });

  it('answers every concurrent caller with the last known value while the other service is down', async () => {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const stale: string[] = [];
      const cache = new LookupCache<number>(10, (key) => stale.push(key));
      expect(await cache.get('k', async () => 1)).toBe(1);
      now += 100; // expired
      const load = async () => {
        await Promise.resolve();
        throw unavailable();
      };
      expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([
        1, 1, 1,
      ]);
      expect(stale).toEqual(['k']);
    } finally {
      spy.mockRestore();
    }
  });

  it('turns a load that throws at once into a rejected answer', async () => {
    const cache = new LookupCache<number>(60_000);
    const load = (): Promise<number> => {
      throw notFound();
    };
    // Passed on as the other service's answer: its 404, with its message.
    const e = await cache.get('k', load).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'no such group' });
  });
});
