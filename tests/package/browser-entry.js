// A browser app's entry point, bundled by package.test.js with esbuild
// (platform "browser", no plugins, no loaders): keyflip and its wasm must
// resolve and load from the bundle alone.
import { init, createClient, ValidationError } from 'keyflip';

export async function signVanilla() {
  const kf = await init();
  return kf.signRequest(
    { method: 'GET', url: 'https://example.amazonaws.com/', headers: { Host: 'example.amazonaws.com' } },
    {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z'),
    },
  ).signature;
}

export { createClient, ValidationError };
