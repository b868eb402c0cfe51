// The ways a new key leaves the page, each built only when the person asks
// for it (Copy, Download) or while the secret panel shows it: the Console's
// .csv, a credentials-file block and environment lines. Nothing here keeps
// a copy.

const BOM = [0xef, 0xbb, 0xbf];
const CRLF = '\r\n';

/** A CSV field as RFC 4180 writes it (IDs and secrets never need quoting; a user name might). */
const csvField = (text) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The Console's download name: `<user>_accessKeys.csv`. */
export const csvFileName = (userName) => `${userName}_accessKeys.csv`;

/**
 * The Console's .csv of a new key: UTF-8 with a BOM, CRLF line ends, the
 * header `Access key ID,Secret access key` (no user column), one row.
 */
export function csvBytes({ accessKeyId, secretAccessKey }) {
  const text = `Access key ID,Secret access key${CRLF}${csvField(accessKeyId)},${csvField(secretAccessKey)}${CRLF}`;
  const utf8 = new TextEncoder().encode(text);
  const bytes = new Uint8Array(BOM.length + utf8.length);
  bytes.set(BOM, 0);
  bytes.set(utf8, BOM.length);
  return bytes;
}

/** A profile for ~/.aws/credentials, named after the user. */
export function credentialsBlock({ userName, accessKeyId, secretAccessKey }) {
  return `[${userName}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
}

/** POSIX shell lines for the environment (the AWS SDKs' and CLI's variable names). */
export function environmentLines({ accessKeyId, secretAccessKey }) {
  return `export AWS_ACCESS_KEY_ID=${accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${secretAccessKey}\n`;
}
