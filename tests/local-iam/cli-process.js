// Runs the endpoint's command line (scripts/local-iam/server.js) as a child
// process for a test: resolves once it prints its listening line, and stops
// it when the test ends.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER = fileURLToPath(new URL('../../scripts/local-iam/server.js', import.meta.url));

// Resolves { url, child, stderr() } once "listening on <url>" is printed.
export function startCli(t, args) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve({ url: m[1], child, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code} before listening: ${err}`)));
  });
}

// Runs the command line expecting it to refuse its arguments: { code, stderr }.
export function refusedCli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, stderr: err }));
  });
}
