// keyflip's low-level API: build the signed request, send it with fetch.
import { init } from '../../../wasm/js/index.js';

window.setKeyStatus = async (credentials, AccessKeyId, Status, UserName) => {
  const kf = await init();
  const { method, url, headers, body } = kf.buildUpdateAccessKey({ UserName, AccessKeyId, Status }, { credentials });
  return fetch(url, { method, headers, body });
};
