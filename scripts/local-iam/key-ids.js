// Access key IDs, secrets and session tokens as AWS shapes them, and the
// account an ID encodes.
//
// An AWS key ID is a 4-letter prefix (AKIA: a user's long-term key, ASIA: a
// temporary one from STS) and 16 characters of base32 (A-Z, 2-7), that is 10
// bytes. In the IDs AWS issues today, bits 1-40 of the 48-bit big-endian
// number in the first 6 bytes, read under the mask 0x7fffffffff80 and shifted
// right by 7, are the account ID (undocumented by AWS; see the shared IAM
// facts, "Creating and deleting keys"). Keys minted here encode the data's
// account the same way, so STS GetAccessKeyInfo gives one answer whether it
// looks a key up or derives it.
import { randomBytes, randomInt } from 'node:crypto';

export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const KEY_ID = /^(AKIA|ASIA)[A-Z2-7]{16}$/;
const ACCOUNT_MASK = 0x7fffffffff80n;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const SECRET_LENGTH = 40;

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function unbase32(text) {
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    value = (value << 5) | BASE32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** A new key ID: prefix 'AKIA' or 'ASIA', 16 base32 characters encoding accountId. */
export function newKeyId(prefix, accountId) {
  const bytes = randomBytes(10);
  // Random bits everywhere but the account's 40.
  const random = BigInt(bytes.readUIntBE(0, 6)) & ~ACCOUNT_MASK & 0xffffffffffffn;
  bytes.writeUIntBE(Number(random | ((BigInt(accountId) << 7n) & ACCOUNT_MASK)), 0, 6);
  return `${prefix}${base32(bytes)}`;
}

/** The account an ID in AWS's format encodes (12 digits), or null for any other ID. */
export function accountOfKeyId(accessKeyId) {
  if (!KEY_ID.test(accessKeyId)) return null;
  const bytes = unbase32(accessKeyId.slice(4));
  const account = (BigInt(bytes.readUIntBE(0, 6)) & ACCOUNT_MASK) >> 7n;
  return String(account).padStart(12, '0');
}

/** A random text of `length` characters from `alphabet`. */
export function randomText(length, alphabet = SECRET_ALPHABET) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A secret access key as AWS shapes them: 40 characters of base64's alphabet. */
export function newSecret() {
  return randomText(SECRET_LENGTH);
}
