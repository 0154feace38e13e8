/** Polls an assertion until it passes or the time is up (for asynchronous effects; never sleep). */
export async function expectEventually(
  assertion: () => Promise<void> | void,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      await assertion();
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
  throw last;
}
