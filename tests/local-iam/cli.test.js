// The command line: prints exactly "listening on http://127.0.0.1:<port>"
// once ready, honours --test-mode, --data, --allow-origin and
// --key-propagation-ms, and refuses bad arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../scripts/local-iam/server.js', import.meta.url));

// Starts the CLI and resolves with its URL once the line is printed.
function startCli(t, args) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, firstLine: out.split('\n')[0], stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code} before listening: ${err}`)));
  });
}

test('prints the listening line with the port it picked', async (t) => {
  const { firstLine, stderr } = await startCli(t, ['--port', '0']);
  const m = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(firstLine);
  assert.ok(m, firstLine);
  const res = await fetch(`http://127.0.0.1:${m[1]}/__control`);
  assert.equal(res.status, 404, 'no control route without --test-mode');
  await new Promise((r) => setTimeout(r, 50));
  assert.match(stderr(), /^local-iam: GET \/__control 404 [0-9a-f-]{36}$/m, 'one log line per request on stderr');
});

test("CORS: IAM's '*' without --allow-origin, none with --no-cors", async (t) => {
  const preflight = (url) =>
    fetch(`${url}/`, { method: 'OPTIONS', headers: { origin: 'https://foo.example', 'access-control-request-method': 'POST' } });
  const open = await startCli(t, ['--port', '0', '--quiet']);
  const any = await preflight(open.firstLine.slice('listening on '.length));
  assert.equal(any.status, 200);
  assert.equal(any.headers.get('access-control-allow-origin'), '*');
  const closed = await startCli(t, ['--port', '0', '--quiet', '--no-cors']);
  const none = await preflight(closed.firstLine.slice('listening on '.length));
  assert.equal(none.status, 403);
  assert.equal(none.headers.get('access-control-allow-origin'), null);
});

test('--test-mode, --data and --allow-origin are honoured', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'local-iam-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = join(dir, 'users.json');
  await writeFile(data, JSON.stringify({ users: [{ userName: 'erin', accessKeys: [{ accessKeyId: 'AKIACLIDATATEST001', secretAccessKey: 's' }] }] }));
  const { firstLine } = await startCli(t, ['--port', '0', '--test-mode', '--data', data, '--allow-origin', 'http://a.test', '--allow-origin', 'http://b.test', '--quiet']);
  const url = firstLine.slice('listening on '.length);
  const state = await (await fetch(`${url}/__control`)).json();
  assert.deepEqual(state.users.map((u) => u.userName), ['erin']);
  for (const origin of ['http://a.test', 'http://b.test']) {
    const res = await fetch(`${url}/`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
  }
});

test('bad arguments exit 2 with usage', async () => {
  const child = spawn(process.execPath, [SERVER, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /--port must be/);
  assert.match(err, /usage:/);
});

test('--key-propagation-ms: 10000 by default, the given value otherwise (in the state); a bad value exits 2', async (t) => {
  const state = async (args) => {
    const { firstLine } = await startCli(t, ['--port', '0', '--test-mode', '--quiet', ...args]);
    return (await fetch(`${firstLine.slice('listening on '.length)}/__control`)).json();
  };
  assert.equal((await state([])).keyPropagationMs, 10_000);
  assert.equal((await state(['--key-propagation-ms', '0'])).keyPropagationMs, 0);
  assert.equal((await state(['--key-propagation-ms', '2500'])).keyPropagationMs, 2500);
  for (const bad of ['-1', 'soon', '1.5']) {
    const child = spawn(process.execPath, [SERVER, `--key-propagation-ms=${bad}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 2, bad);
    assert.match(err, /--key-propagation-ms must be a whole number of milliseconds \(0 turns the delay off\)/);
  }
});
