type Falsy = false | 0 | '' | null | undefined;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every 10 ms until it returns something truthy, and resolves with it;
 * fails naming `what` after `timeoutMs`. For things real servers and sockets do soon.
 */
export async function until<T>(check: () => T | Falsy | Promise<T | Falsy>, what = 'the condition', timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
