// Runs fn with Math.random fixed, so the client's jittered backoff (the only
// randomness in a call) is predictable: a number, or values returned in turn
// (the last repeats). Shared by the client's unit and end-to-end retry tests.
export async function withRandom(values, fn) {
  const list = Array.isArray(values) ? values : [values];
  const original = Math.random;
  let i = 0;
  Math.random = () => list[Math.min(i++, list.length - 1)];
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
