// Several keys at once: which to change, in which order. Running them is
// shared/run-bounded.js's. Pure (tests/web/bulk-runner.test.js).

/**
 * The order to change keys in: the key signing the page's own requests last,
 * so turning it off cannot stop the others from being sent.
 */
export function signingKeyLast(rows, signingKeyId) {
  return [...rows.filter((row) => row.accessKeyId !== signingKeyId), ...rows.filter((row) => row.accessKeyId === signingKeyId)];
}
