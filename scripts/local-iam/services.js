// One address serves IAM and STS. A request belongs to the service its
// SigV4 credential scope names (<key>/<date>/<region>/<service>/aws4_request,
// in the Authorization header or X-Amz-Credential): 'sts' is STS, anything
// else IAM, whose checks then refuse a scope that is not 'iam' as IAM
// would. The service decides the actions, the API version and the XML
// namespace of answers and errors.
import { findAction } from './iam-actions.js';
import { IAM_XMLNS } from './iam-xml.js';
import { STS_ACTIONS, STS_API_VERSION } from './sts-actions.js';
import { STS_XMLNS } from './sts-xml.js';

const IAM = { name: 'iam', xmlns: IAM_XMLNS, findAction: (params) => findAction(params) };
const STS = { name: 'sts', xmlns: STS_XMLNS, findAction: (params) => findAction(params, STS_ACTIONS, STS_API_VERSION) };

function scopeService(credential) {
  return typeof credential === 'string' ? credential.split('/')[3] : undefined;
}

/**
 * headers: { lower-case name: [values] }; query: [[name, value]] decoded.
 * Returns the service descriptor { name, xmlns, findAction(params) }.
 */
export function serviceOf(headers, query) {
  const authorization = Object.hasOwn(headers, 'authorization') ? headers.authorization[0] : undefined;
  const credential =
    authorization !== undefined
      ? /Credential=([^,\s]+)/.exec(authorization)?.[1]
      : query.find(([name]) => name === 'X-Amz-Credential')?.[1];
  return scopeService(credential) === 'sts' ? STS : IAM;
}
