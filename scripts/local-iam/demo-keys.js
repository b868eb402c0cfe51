// The demo credentials as { accessKeyId, secretAccessKey } pairs, read from
// the shipped demo data (never copied): alice's two keys, bob's key, and the
// temporary (session) credentials.
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
});
