// keyflip: IAM UpdateAccessKey and AWS SigV4, signed by C++ compiled to wasm.
//
//   import { init, createClient } from 'keyflip';
//   const kf = await init();          // loads the wasm once
//   kf.signRequest(request, options); // synchronous after init()
//   await createClient({ credentials }).updateAccessKey({ AccessKeyId, Status: 'Inactive' });
export { init } from './instance.js';
export { createClient } from './client.js';
export { ValidationError, IamError, NetworkError, TimeoutError } from './errors.js';
