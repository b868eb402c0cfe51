// What a page ships to send UpdateAccessKey with keyflip's client
// (validation, signing, fetch, IAM's answer, retries, clock skew).
import { createClient } from '../../../wasm/js/index.js';

window.setKeyStatus = (credentials, AccessKeyId, Status, UserName) =>
  createClient({ credentials }).updateAccessKey({ UserName, AccessKeyId, Status });
