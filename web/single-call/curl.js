// A signed request as a curl command: the way out when the browser may not
// make the call (CORS, offline, blocked). The session token is never printed:
// its header reads $AWS_SESSION_TOKEN from the shell instead.

const TOKEN_HEADER = 'x-amz-security-token';

/** POSIX shell single-quoting. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** signed: a keyflip SignedRequest. Returns { command, usesSessionToken }. */
export function curlCommand(signed) {
  const lines = [`curl --silent --show-error --include --request ${signed.method} ${shellQuote(signed.url)}`];
  let usesSessionToken = false;
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() === TOKEN_HEADER) {
      usesSessionToken = true;
      // Double quotes so the shell expands the variable; the token stays out of the page.
      lines.push(`--header "${name}: \${AWS_SESSION_TOKEN:?set AWS_SESSION_TOKEN to the session token}"`);
      continue;
    }
    for (const one of [].concat(value)) lines.push(`--header ${shellQuote(`${name}: ${one}`)}`);
  }
  if (signed.body) lines.push(`--data-raw ${shellQuote(signed.body)}`);
  return { command: lines.join(' \\\n  '), usesSessionToken };
}
