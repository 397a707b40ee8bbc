// Polling for tests that wait on something asynchronous (controllers, watches, informers): the
// value once the probe returns one, or a timeout error that says what was awaited.

/** Calls `probe` every `intervalMs` until it returns a truthy value (returned) or `timeoutMs` passes. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until a synchronous condition holds, checking every `intervalMs` (fast: for in-process tests). */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, intervalMs = 10): Promise<void> {
  await until('a condition', condition, timeoutMs, intervalMs);
}
