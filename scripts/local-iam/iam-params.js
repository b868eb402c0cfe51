// Parameter validation with IAM's wording. The limits come from IAM's service
// model (shapes existingUserNameType, accessKeyIdType, statusType,
// pathPrefixType, markerType, maxItemsType), and the messages follow the
// "N validation error(s) detected: Value 'v' at 'member' failed to satisfy
// constraint: ..." form IAM answers with, every failed constraint listed,
// joined by "; ".
import { iamErrors } from './iam-errors.js';
import { MAX_ITEMS } from './iam-limits.js';
import { INCIDENT_SHAPES } from './incident-params.js';

const SHAPES = new Map([
  ['UserName', { member: 'userName', min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }],
  ['AccessKeyId', { member: 'accessKeyId', min: 16, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' }],
  ['Status', { member: 'status', enumValues: ['Active', 'Inactive'] }],
  ['PathPrefix', { member: 'pathPrefix', min: 1, max: 512, pattern: /^\/[\x21-\x7f]*$/, patternText: '\\u002F[\\u0021-\\u007F]*' }],
  ['Marker', { member: 'marker', min: 1, max: 320, pattern: /^[\x20-\xff]+$/, patternText: '[\\u0020-\\u00FF]+' }],
  ['MaxItems', { member: 'maxItems', integer: true, minValue: MAX_ITEMS.min, maxValue: MAX_ITEMS.max }],
  ...INCIDENT_SHAPES,
]);

// Query-protocol integers arrive as text. The wording for text that is not
// an integer is this endpoint's own (no recorded IAM answer); ranges use
// IAM's.
function integerFailures(shape, value) {
  if (!/^-?\d{1,15}$/.test(value)) return ['Member must be an integer'];
  const n = Number(value);
  if (n < shape.minValue) return [`Member must have value greater than or equal to ${shape.minValue}`];
  if (n > shape.maxValue) return [`Member must have value less than or equal to ${shape.maxValue}`];
  return [];
}

function constraintFailures(shape, value) {
  if (value === undefined) return ['Member must not be null'];
  if (shape.integer) return integerFailures(shape, value);
  const failures = [];
  if (shape.enumValues && !shape.enumValues.includes(value)) {
    failures.push(`Member must satisfy enum value set: [${shape.enumValues.join(', ')}]`);
  }
  // Lengths are in characters as IAM counts them (code points).
  const length = [...value].length;
  if (shape.min !== undefined && length < shape.min) {
    failures.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && length > shape.max) {
    failures.push(`Member must have length less than or equal to ${shape.max}`);
  }
  if (shape.pattern && length > 0 && !shape.pattern.test(value)) {
    failures.push(`Member must satisfy regular expression pattern: ${shape.patternText}`);
  }
  return failures;
}

// fields: [{ name: 'AccessKeyId', required: true }, ...]; optional fields are
// checked only when present; shape names the shape when it is not the
// parameter's name (PathPrefix of a policy listing is a PolicyPathPrefix).
// Throws a ValidationError naming every failure.
export function validateParams(params, fields) {
  const messages = [];
  for (const { name, required, shape: shapeName } of fields) {
    const value = params[name];
    if (value === undefined && !required) continue;
    const shape = SHAPES.get(shapeName ?? name);
    const shown = value === undefined ? 'null' : `'${value}'`;
    for (const failure of constraintFailures(shape, value)) {
      messages.push(`Value ${shown} at '${shape.member}' failed to satisfy constraint: ${failure}`);
    }
  }
  if (messages.length > 0) {
    const count = messages.length === 1 ? '1 validation error' : `${messages.length} validation errors`;
    throw iamErrors.validation(`${count} detected: ${messages.join('; ')}`);
  }
}
