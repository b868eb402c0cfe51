// Paging for the list calls, as IAM pages: MaxItems items at most, then
// IsTruncated true and a Marker to pass back for the rest. The marker is
// opaque to clients and authenticated: it carries where the next page starts
// and an HMAC-SHA256, under a key drawn at random when this process starts,
// over that position and the listing it belongs to (the action and its
// filter). So an edited or forged marker, one from another listing, one from
// an earlier run of the endpoint or one past the end is refused. IAM answers
// those with ValidationError "Invalid Marker." (reported by users of IAM's
// list calls; not in IAM's reference).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { iamErrors } from './iam-errors.js';
import { MAX_ITEMS } from './iam-limits.js';

// Marker bytes: version (1), offset (uint32 big-endian, 4), HMAC (32);
// base64url of 37 bytes is 50 characters, well inside IAM's 320 for
// markerType whatever the listing's filter (a PathPrefix may be 512 long,
// which is why the scope is authenticated, not carried).
const VERSION = 2;
const OFFSET_BYTES = 4;
const MAC_BYTES = 32;
const MARKER_BYTES = 1 + OFFSET_BYTES + MAC_BYTES;
const MAX_OFFSET = 0xffffffff;
const MARKER_KEY = randomBytes(32);

function mac(scope, offset) {
  return createHmac('sha256', MARKER_KEY).update(`${VERSION}\n${scope}\n${offset}`, 'utf8').digest();
}

function encodeMarker(scope, offset) {
  const head = Buffer.alloc(1 + OFFSET_BYTES);
  head.writeUInt8(VERSION, 0);
  head.writeUInt32BE(offset, 1);
  return Buffer.concat([head, mac(scope, offset)]).toString('base64url');
}

// The offset a marker points at, or an Invalid Marker error.
function decodeMarker(marker, scope, total) {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw iamErrors.invalidMarker();
  const bytes = Buffer.from(marker, 'base64url');
  // Re-encoding must give the marker back: no trailing bits or characters
  // that base64url decoding would silently drop.
  if (bytes.length !== MARKER_BYTES || bytes.toString('base64url') !== marker || bytes.readUInt8(0) !== VERSION) {
    throw iamErrors.invalidMarker();
  }
  const offset = bytes.readUInt32BE(1);
  if (!timingSafeEqual(bytes.subarray(1 + OFFSET_BYTES), mac(scope, offset))) throw iamErrors.invalidMarker();
  if (offset < 1 || offset >= total) throw iamErrors.invalidMarker();
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
  const isTruncated = end < items.length && end <= MAX_OFFSET;
  return { items: items.slice(start, end), isTruncated, marker: isTruncated ? encodeMarker(scope, end) : undefined };
}
