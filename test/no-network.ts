/**
 * Import in tests that must not reach the internet: replaces global fetch with one that only
 * allows loopback addresses and throws a clear error for anything else.
 */
const realFetch = globalThis.fetch;

globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(
      `Test tried to reach the network: ${url.href}. Replay a recorded response from a local server instead.`,
    );
  }
  return realFetch(input, init);
}) as typeof fetch;
