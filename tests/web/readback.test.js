// web/shared/readback.js with an injected clock: confirmed as soon as IAM shows the
// status, "not yet" after about 10 seconds, read errors reported, never a guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READBACK_WINDOW_MS, readBack, readBackText } from '../../web/shared/readback.js';

function fakeClock() {
  let now = 1_000_000;
  const sleeps = [];
  return { sleeps, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; }, elapsed: () => now - 1_000_000 };
}
const listing = (status) => [{ AccessKeyId: 'AKIAOTHER', Status: 'Active' }, { AccessKeyId: 'AKIAKEY', Status: status }];

test('confirmed on the first read when IAM already shows it', async () => {
  const clock = fakeClock();
  const seen = await readBack({ read: async () => listing('Inactive'), accessKeyId: 'AKIAKEY', expected: 'Inactive', clock });
  assert.deepEqual(seen, { confirmed: true, reads: 1, seenStatus: 'Inactive', readError: null });
  assert.deepEqual(clock.sleeps, []);
  assert.equal(readBackText(seen), 'confirmed by IAM');
});

test('confirmed once IAM catches up (eventual consistency)', async () => {
  const clock = fakeClock();
  const answers = ['Active', 'Active', 'Inactive'];
  const seen = await readBack({ read: async () => listing(answers.shift()), accessKeyId: 'AKIAKEY', expected: 'Inactive', clock });
  assert.equal(seen.confirmed, true);
  assert.equal(seen.reads, 3);
});

test('not yet after the window: says what IAM still shows, and stops within about 10 s', async () => {
  const clock = fakeClock();
  const seen = await readBack({ read: async () => listing('Active'), accessKeyId: 'AKIAKEY', expected: 'Inactive', clock });
  assert.equal(seen.confirmed, false);
  assert.equal(seen.seenStatus, 'Active');
  assert.ok(clock.elapsed() <= READBACK_WINDOW_MS, `stopped after ${clock.elapsed()} ms`);
  assert.ok(clock.elapsed() >= READBACK_WINDOW_MS - 3000, `kept reading for most of the window (${clock.elapsed()} ms)`);
  assert.ok(seen.reads >= 4);
  assert.equal(readBackText(seen), 'sent; IAM does not show it yet (it still lists the key as Active)');
});

test('a read that fails is reported, not taken as a confirmation', async () => {
  const clock = fakeClock();
  const seen = await readBack({ read: async () => { throw new Error('Rate exceeded'); }, accessKeyId: 'AKIAKEY', expected: 'Inactive', clock });
  assert.deepEqual({ confirmed: seen.confirmed, seenStatus: seen.seenStatus, readError: seen.readError }, { confirmed: false, seenStatus: null, readError: 'Rate exceeded' });
  assert.equal(readBackText(seen), 'sent; not confirmed: reading it back failed (Rate exceeded)');
  assert.ok(seen.reads >= 4, 'a failed read is tried again');
});

test('a read that cannot succeed by trying again ends the read-back at once', async () => {
  const clock = fakeClock();
  const refused = new Error('The security token included in the request is invalid');
  const seen = await readBack({
    read: async () => { throw refused; }, giveUpOn: (error) => error === refused, accessKeyId: 'AKIAKEY', expected: 'Inactive', clock,
  });
  assert.equal(seen.reads, 1);
  assert.equal(clock.elapsed(), 0);
  assert.equal(readBackText(seen), 'sent; not confirmed: reading it back failed (The security token included in the request is invalid)');
});

test('a key missing from the listing is said to be missing', async () => {
  const clock = fakeClock();
  const seen = await readBack({ read: async () => [], accessKeyId: 'AKIAKEY', expected: 'Inactive', clock, windowMs: 1000 });
  assert.equal(seen.seenStatus, undefined);
  assert.match(readBackText(seen), /the key was not in the list read back/);
});

test('stops reading when aborted', async () => {
  const clock = fakeClock();
  const controller = new AbortController();
  let reads = 0;
  const seen = await readBack({
    read: async () => { reads += 1; controller.abort(); return listing('Active'); }, accessKeyId: 'AKIAKEY', expected: 'Inactive', clock, signal: controller.signal,
  });
  assert.equal(reads, 1);
  assert.equal(seen.confirmed, false);
});

test('an entry under another user, or the key listed twice with different statuses, is a conflict, never a confirmation', async () => {
  const clock = fakeClock();
  const elsewhere = await readBack({
    read: async () => [{ UserName: 'mallory', AccessKeyId: 'AKIAKEY', Status: 'Inactive' }], accessKeyId: 'AKIAKEY', userName: 'alice', expected: 'Inactive', clock, windowMs: 1000,
  });
  assert.equal(elsewhere.confirmed, false);
  assert.equal(readBackText(elsewhere), "sent; not confirmed: IAM's answers conflict (the key is listed under user mallory, not alice)");
  const twice = await readBack({
    read: async () => [{ UserName: 'alice', AccessKeyId: 'AKIAKEY', Status: 'Inactive' }, { UserName: 'alice', AccessKeyId: 'AKIAKEY', Status: 'Active' }],
    accessKeyId: 'AKIAKEY', userName: 'alice', expected: 'Inactive', clock: fakeClock(), windowMs: 1000,
  });
  assert.equal(readBackText(twice), "sent; not confirmed: IAM's answers conflict (the key is listed 2 times, as Inactive and Active)");
  const mine = await readBack({
    read: async () => [{ UserName: 'alice', AccessKeyId: 'AKIAKEY', Status: 'Inactive' }], accessKeyId: 'AKIAKEY', userName: 'alice', expected: 'Inactive', clock: fakeClock(),
  });
  assert.equal(mine.confirmed, true);
});

test('the window holds mid-read: a read still paging when it ends is aborted', async () => {
  const clock = { ...fakeClock(), after: () => windowEnd.signal };
  const windowEnd = new AbortController();
  let aborted = false;
  const seen = readBack({
    read: (signal) => new Promise((_, reject) => {
      signal.addEventListener('abort', () => { aborted = true; reject(signal.reason); }, { once: true });
    }),
    accessKeyId: 'AKIAKEY', expected: 'Inactive', clock,
  });
  windowEnd.abort(new Error('window'));
  const result = await seen;
  assert.ok(aborted, 'the read was told to stop');
  assert.equal(readBackText(result), 'sent; not confirmed: reading it back failed (no read finished within 10 s)');
});
