// Run by package.test.js with Node from an empty project where the packed
// tarball is installed: imports keyflip by name and prints what it got.
import { createRequire } from 'node:module';
import { init, createClient, ValidationError, IamError, NetworkError, TimeoutError } from 'keyflip';

const require = createRequire(import.meta.url);
const kf = await init();
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

// get-vanilla from the AWS SigV4 test suite
const vanilla = kf.signRequest(
  { method: 'GET', url: 'https://example.amazonaws.com/', headers: { Host: 'example.amazonaws.com' } },
  { credentials, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') },
).signature;

const ok = '<UpdateAccessKeyResponse><ResponseMetadata><RequestId>req-packed</RequestId></ResponseMetadata></UpdateAccessKeyResponse>';
const result = await createClient({ credentials, fetch: async () => new Response(ok, { status: 200 }) })
  .updateAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' });

let deepImport = 'allowed';
try {
  await import('keyflip/wasm/js/core.js');
} catch (error) {
  deepImport = error.code;
}

console.log(JSON.stringify({
  node: process.versions.node,
  vanilla,
  result,
  errors: [ValidationError, IamError, NetworkError, TimeoutError].map((C) => C.name),
  packageJson: require('keyflip/package.json').name,
  resolved: import.meta.resolve('keyflip'),
  deepImport,
}));
