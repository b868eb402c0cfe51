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
  // The incident: dave's key is the leaked one (dave has the demo MFA
  // device); quentin has AWSCompromisedKeyQuarantineV2 attached.
  dave: userKey('dave', 0),
  quentin: userKey('quentin', 0),
});

// dave's demo MFA device: its serial number and the fixed code it accepts.
export const DEMO_MFA = Object.freeze({ ...demo.users.find((u) => u.userName === 'dave').mfaDevice });
