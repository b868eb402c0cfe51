// The parameter shapes of the incident's actions (inline policies, attached
// policies, STS GetSessionToken), from IAM's and STS's service models
// (policyNameType, policyDocumentType, policyPathType; durationSecondsType,
// serialNumberType, tokenCodeType), for iam-params.js's validation.
import { SESSION_DURATION_SECONDS } from './iam-limits.js';

export const POLICY_NAME = /^[\w+=,.@-]+$/;
export const SERIAL_NUMBER = /^[\w+=/:,.@-]*$/;
export const TOKEN_CODE = /^\d*$/;

export const INCIDENT_SHAPES = [
  ['PolicyName', { member: 'policyName', min: 1, max: 128, pattern: POLICY_NAME, patternText: '[\\w+=,.@-]+' }],
  [
    'PolicyDocument',
    { member: 'policyDocument', min: 1, max: 131072, pattern: /^[\t\n\r\x20-\xff]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  ],
  [
    'PolicyPathPrefix',
    { member: 'pathPrefix', min: 1, max: 512, pattern: /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/, patternText: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' },
  ],
  [
    'DurationSeconds',
    { member: 'durationSeconds', integer: true, minValue: SESSION_DURATION_SECONDS.min, maxValue: SESSION_DURATION_SECONDS.max },
  ],
  ['SerialNumber', { member: 'serialNumber', min: 9, max: 256, pattern: SERIAL_NUMBER, patternText: '[\\w+=/:,.@-]*' }],
  ['TokenCode', { member: 'tokenCode', min: 6, max: 6, pattern: TOKEN_CODE, patternText: '[\\d]*' }],
];
