// The demo credentials as { accessKeyId, secretAccessKey } pairs, read from
// the shipped demo data (never copied): alice's two keys, bob's key, the
// temporary (session) credentials, and keys of the users to rotate.
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(new URL('./demo-data.json', import.meta.url), 'utf8'));

const userKey = (userName, index) => {
  const { accessKeyId, secretAccessKey } = demo.users.find((u) => u.userName === userName).accessKeys[index];
  return { accessKeyId, secretAccessKey };
};

export const DEMO_KEYS = Object.freeze({
  alice1: userKey('alice', 0),
  alice2: userKey('alice', 1),
  bob: userKey('bob', 0),
  session: { ...demo.sessions[0] },
  // Users to rotate (under /rotation/): erin has one key, frank is at the
  // two-key limit with an Inactive key, nina with two Active keys.
  erin: userKey('erin', 0),
  frank1: userKey('frank', 0),
  nina1: userKey('nina', 0),
});
