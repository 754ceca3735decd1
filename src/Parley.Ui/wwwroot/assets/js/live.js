// Keeping pages live: Consul-style blocking queries (?index=&wait=), with backoff on errors.

import { get, url } from './api.js';

export function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * Reads `path` again and again as a blocking query until `signal` aborts. `onData(data, changed)` runs after
 * every answer: `changed` is false when the wait ran out with the same index (data computed at read time,
 * such as a peering's stream status, may still differ). Errors go to `onError` and back off up to 10 s.
 */
export function watch(path, onData, { signal, wait = '30s', params = {}, onError } = {}) {
  let index = 0;
  let failures = 0;
  (async () => {
    while (!signal?.aborted) {
      const started = performance.now();
      try {
        const query = index > 0 ? { ...params, index, wait } : params;
        const response = await get(url(path, query), { signal });
        failures = 0;
        const changed = index === 0 || response.index !== index;
        // Consul's rule: an index that goes backwards (a restored snapshot) restarts from zero.
        index = response.index < index ? 0 : response.index;
        onError?.(null);
        onData(response.data, changed);
        if (!changed && performance.now() - started < 200) {
          // The server did not block (no index support for this read): fall back to polling.
          await sleep(2000, signal);
        }
      } catch (error) {
        if (signal?.aborted || error.name === 'AbortError') {
          return;
        }
        failures += 1;
        onError?.(error);
        await sleep(Math.min(1000 * 2 ** (failures - 1), 10000), signal);
      }
    }
  })();
}

/**
 * Runs `load(signal)` now, again whenever one of the `triggers` (blocking-query paths) reports a change, and
 * every `interval` ms. Loads never overlap; a request for another while one runs is coalesced into one more.
 * Returns a function that asks for a load.
 */
export function refresher(load, { signal, triggers = [], interval = 5000, onError } = {}) {
  let running = false;
  let again = false;
  const run = async () => {
    if (signal?.aborted) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await load(signal);
      onError?.(null);
    } catch (error) {
      if (!signal?.aborted && error.name !== 'AbortError') {
        onError?.(error);
      }
    } finally {
      running = false;
      if (again && !signal?.aborted) {
        again = false;
        run();
      }
    }
  };

  for (const trigger of triggers) {
    let first = true;
    watch(trigger, (_, changed) => {
      if (first) {
        first = false;
        return;
      }
      if (changed) {
        run();
      }
    }, { signal, wait: '60s' });
  }
  if (interval > 0) {
    const timer = setInterval(run, interval);
    signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
  }
  run();
  return run;
}
