// The access key IDs in whatever a person pastes after a leak: a credentials
// file, `export AWS_ACCESS_KEY_ID=…` lines, JSON, a log line, a quoted ID, a
// presigned URL. Pure (tests/web/key-ids.test.js).
//
// An access key ID is AKIA (a long-term key of an IAM user) or ASIA (a
// temporary key from STS) and then upper-case letters and digits, 16 to 128
// characters in all (IAM's AccessKeyId member: \w+, 16..128; AWS's own IDs
// are 20). IDs of users or roles (AIDA…, AROA…) are not keys and are not
// picked. Only the IDs are kept: nothing around them (the text may hold a
// leaked secret), so nothing of it reaches the page but the IDs.

const MIN_LENGTH = 16;
const MAX_LENGTH = 128;
// Not preceded by a letter or digit, unless that is the end of a %XX escape
// (Credential%3DAKIA… in a URL); not followed by one.
const KEY_ID = new RegExp(`(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))(A[KS]IA[A-Z0-9]{${MIN_LENGTH - 4},${MAX_LENGTH - 4}})(?![A-Za-z0-9])`, 'g');

const KINDS = {
  AKIA: 'long-term key of an IAM user',
  ASIA: 'temporary key (from STS)',
};

/**
 * The distinct key IDs in text, in the order they first appear:
 * [{ accessKeyId, kind, temporary, count }].
 */
export function findKeyIds(text) {
  const found = new Map();
  for (const match of String(text ?? '').matchAll(KEY_ID)) {
    const accessKeyId = match[1];
    const seen = found.get(accessKeyId);
    if (seen) seen.count += 1;
    else {
      const prefix = accessKeyId.slice(0, 4);
      found.set(accessKeyId, { accessKeyId, kind: KINDS[prefix], temporary: prefix === 'ASIA', count: 1 });
    }
  }
  return [...found.values()];
}
