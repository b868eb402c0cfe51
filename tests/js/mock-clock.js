// A deterministic clock for tests that wait: node:test's mock timers for
// setTimeout and Date, and a driver that moves the clock in steps, letting
// promises settle between them (setImmediate stays real). The wasm module
// must be loaded before the clock is mocked (its loading is real I/O).
export function mockClock(t, startMs) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: startMs });
  const settle = async () => {
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    /** Runs promise to its end, moving the clock stepMs at a time (at most maxMs). */
    async run(promise, { stepMs = 10, maxMs = 3_600_000 } = {}) {
      let done = false;
      const watched = promise.then((value) => { done = true; return value; }, (error) => { done = true; throw error; });
      watched.catch(() => {});
      for (let moved = 0; ; moved += stepMs) {
        await settle();
        if (done) return watched;
        if (moved >= maxMs) throw new Error(`mock clock: still running after ${maxMs} ms`);
        t.mock.timers.tick(stepMs);
      }
    },
    settle,
  };
}
