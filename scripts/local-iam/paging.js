// Paging for the list calls, as IAM pages: MaxItems items at most, then
// IsTruncated true and a Marker to pass back for the rest. The marker is
// opaque to clients; inside it names the listing it belongs to (the action
// and its filter) and where the next page starts, so a marker from another
// listing, an edited one or one past the end is refused. IAM answers those
// with ValidationError "Invalid Marker." (reported by users of IAM's list
// calls; not in IAM's reference).
import { iamErrors } from './iam-errors.js';
import { MAX_ITEMS } from './iam-limits.js';

const VERSION = 'v1';

function encodeMarker(scope, offset) {
  return Buffer.from(`${VERSION}\n${scope}\n${offset}`, 'utf8').toString('base64url');
}

// The offset a marker points at, or an Invalid Marker error.
function decodeMarker(marker, scope, total) {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw iamErrors.invalidMarker();
  const parts = Buffer.from(marker, 'base64url').toString('utf8').split('\n');
  if (parts.length !== 3 || parts[0] !== VERSION || parts[1] !== scope || !/^[1-9]\d{0,6}$/.test(parts[2])) {
    throw iamErrors.invalidMarker();
  }
  const offset = Number(parts[2]);
  if (offset >= total) throw iamErrors.invalidMarker();
  return offset;
}

/**
 * items: the whole listing in order; scope: what identifies this listing
 * (e.g. 'ListUsers /admins/'); params: the request's validated Marker and
 * MaxItems (text, or undefined). Returns { items, isTruncated, marker }
 * (marker only when truncated).
 */
export function pageOf(items, scope, params) {
  const maxItems = params.MaxItems === undefined ? MAX_ITEMS.default : Number(params.MaxItems);
  const start = params.Marker === undefined ? 0 : decodeMarker(params.Marker, scope, items.length);
  const end = start + maxItems;
  const isTruncated = end < items.length;
  return { items: items.slice(start, end), isTruncated, marker: isTruncated ? encodeMarker(scope, end) : undefined };
}
