#!/usr/bin/env bash
# Starts keyflip: set-up, build, then reports the module's status.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
scripts/build.sh
node --input-type=module -e "
import { init } from 'keyflip';
const kf = await init();
const signed = kf.signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' },
  { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') });
console.log('keyflip wasm module loaded; get-vanilla signature', signed.signature);
"
