// keyflip: IAM UpdateAccessKey and the read calls around it, and AWS SigV4,
// signed by C++ compiled to wasm.
//
//   import { init, createClient } from 'keyflip';
//   const kf = await init();          // loads the wasm once
//   kf.signRequest(request, options); // synchronous after init()
//   const iam = createClient({ credentials });
//   const { UserName } = await iam.getAccessKeyLastUsed({ AccessKeyId });
//   await iam.updateAccessKey({ UserName, AccessKeyId, Status: 'Inactive' });
export { init } from './instance.js';
export { createClient } from './client.js';
export { fetchCredentialReport } from './credential-report.js';
export { ValidationError, IamError, NetworkError, TimeoutError, PaginationLimitError } from './errors.js';
export { rotateAccessKey, rotationLimits } from './rotate.js';
export { deleteInactiveAccessKey } from './delete-key.js';
export { createIncident, triageKeyId } from './incident.js';
