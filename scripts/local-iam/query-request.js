// Reading an IAM Query-protocol request: parameters come from the query
// string (GET, presigned URLs) and from an x-www-form-urlencoded body (POST).

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req, limit = MAX_BODY_BYTES) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function decodeComponent(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed %-escapes: keep the raw text, the signature check decides
  }
}

// Query string -> [[name, value]], percent-decoded only: SigV4 canonicalises
// the query from these exact values, and '+' is not a space there.
export function parseQueryPairs(search) {
  if (!search) return [];
  return search
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decodeComponent(part), ''] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
    });
}

// IAM parameters from query pairs and a form body; body values win. The
// object has no prototype: a parameter named __proto__, constructor or
// toString is just a parameter, and a name absent from the request is
// undefined whatever Object.prototype holds.
export function collectParams(queryPairs, body) {
  const params = Object.create(null);
  for (const [k, v] of queryPairs) params[k] = v;
  if (body.length > 0) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  }
  return params;
}
