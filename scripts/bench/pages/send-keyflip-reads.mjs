// keyflip's client making the same calls as send-client-iam-reads.mjs:
// UpdateAccessKey and the read calls around it. Used by run.mjs once
// createClient() has the read calls (see READ_CALLS there).
import { createClient } from '../../../wasm/js/index.js';

window.setKeyStatus = (credentials, AccessKeyId, Status, UserName) =>
  createClient({ credentials }).updateAccessKey({ UserName, AccessKeyId, Status });
window.listUsers = (credentials, Marker) => createClient({ credentials }).listUsers({ Marker });
window.listAccessKeys = (credentials, UserName) => createClient({ credentials }).listAccessKeys({ UserName });
window.getAccessKeyLastUsed = (credentials, AccessKeyId) => createClient({ credentials }).getAccessKeyLastUsed({ AccessKeyId });
window.getUser = (credentials, UserName) => createClient({ credentials }).getUser({ UserName });
