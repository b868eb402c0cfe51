// Shared set-up for the web tests: a local IAM endpoint in test mode (with its
// default CORS, which answers any origin as IAM does) and the page server,
// Debian's Chromium driven by playwright-core (never a downloaded browser), a
// collector of CSP violations, and screenshots under test-artifacts/web/.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach } from 'node:test';
import { chromium } from 'playwright-core';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { startPageServer } from '../../scripts/page/server.js';

export const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifactsDir = join(repoDir, 'test-artifacts', 'web');

// From scripts/local-iam/demo-data.json (fake demo data).
export const DEMO = {
  alice: {
    accessKeyId: 'AKIADEMOALICE00001',
    secretAccessKey: 'demo-secret-alice-key-1-not-a-real-secret',
    otherKeyId: 'AKIADEMOALICE00002',
  },
  session: {
    accessKeyId: 'ASIADEMOSESSION001',
    secretAccessKey: 'demo-secret-session-not-a-real-secret',
    sessionToken: 'demo-session-token-not-a-real-token',
  },
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium with a fresh temporary profile (playwright's default). */
export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * The local IAM endpoint (test mode, its default CORS) and the page server
 * with it as the demo endpoint (data: its data, the demo data by default;
 * iamOptions: more of startIamEndpoint's options, e.g. syntheticUsers).
 * control(body) drives /__control.
 */
export async function startStack({ data, iamOptions = {} } = {}) {
  const iam = await startIamEndpoint({ ...iamOptions, port: 0, testMode: true, log: false, data });
  const page = await startPageServer({ port: 0, demoEndpoint: iam.url });
  return {
    iam,
    page,
    pageUrl: page.url,
    async control(body) {
      const response = await fetch(`${iam.url}/__control`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`/__control answered ${response.status}: ${await response.text()}`);
    },
    keyStatus(userName, accessKeyId) {
      const user = iam.state.snapshot().users.find((u) => u.userName === userName);
      return user?.accessKeys.find((k) => k.accessKeyId === accessKeyId)?.status;
    },
    async close() {
      await Promise.all([iam.close(), page.close()]);
    },
  };
}

/**
 * Records every CSP violation the page reports: the console's "Refused to …"
 * errors and securitypolicyviolation events (forwarded to the console by an
 * init script, which runs outside the page's CSP).
 */
export async function watchCsp(context) {
  const violations = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/securitypolicyviolation|Content Security Policy|Refused to|Connecting to .* violates/i.test(text)) {
      violations.push(text.replace(/data:[\w/+.;=-]{40,}/g, 'data:…').slice(0, 300));
    }
  });
  return violations;
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Opens the credentials again when they are folded into the signer bar. */
export async function openSigner(page) {
  if (await page.locator('#signer-setup.collapsed').count()) await page.getByRole('button', { name: 'Change' }).click();
}

/** Fills the page's form; any field left undefined is not touched. */
export async function fillForm(page, { accessKeyId, secretAccessKey, sessionToken, userName, targetKeyId, status }) {
  if (accessKeyId !== undefined || secretAccessKey !== undefined || sessionToken !== undefined) await openSigner(page);
  if (accessKeyId !== undefined) await page.getByLabel('Access key ID').fill(accessKeyId);
  if (secretAccessKey !== undefined) await page.getByLabel('Secret access key').fill(secretAccessKey);
  if (sessionToken !== undefined) await page.getByLabel(/^Session token/).fill(sessionToken);
  if (userName !== undefined) await page.getByLabel(/^UserName/).fill(userName);
  if (targetKeyId !== undefined) await page.getByLabel(/^AccessKeyId/).fill(targetKeyId);
  if (status !== undefined) await page.getByLabel(new RegExp(`^${status}:`)).check();
}

/** Waits until the wasm signer has loaded (the action buttons are enabled). */
export async function waitReady(page) {
  await page.getByText('Ready: requests are validated and signed here').waitFor();
}

/** Fills the credentials and presses "Check credentials"; waits for the keys table's status to settle. */
export async function checkCredentials(page, { accessKeyId, secretAccessKey, sessionToken }) {
  await fillForm(page, { accessKeyId, secretAccessKey, sessionToken });
  await page.getByRole('button', { name: 'Check credentials' }).click();
}

/** Waits until the keys table's status line matches pattern (a load or change has ended). */
export async function keysStatus(page, pattern) {
  await page.locator('#keys-status').filter({ hasText: pattern }).waitFor();
  return page.locator('#keys-status').innerText();
}

/** The keys table as shown: one { user, atLimit, key, status, created, lastUsed, outcome, signing } per row. */
export function tableRows(page) {
  return page.locator('#keys-body tr').evaluateAll((rows) => rows.map((tr) => {
    const text = (label) => tr.querySelector(`td[data-label="${label}"]`)?.innerText.trim() ?? '';
    return {
      // The user's name; the two-key limit marker (web/rotate/) is atLimit.
      user: tr.querySelector('td[data-label="User"]')?.firstChild?.firstChild?.textContent.trim() ?? text('User'),
      atLimit: Boolean(tr.querySelector('.limit-badge')),
      key: tr.querySelector('.key-id').innerText,
      status: text('Status'),
      created: text('Created'),
      lastUsed: text('Last used'),
      outcome: text('Outcome'),
      signing: tr.classList.contains('signing-key'),
    };
  }));
}

/**
 * Where the secrets turn up outside their own inputs: the page's markup and
 * text, every other input, the URL, web storage, cookies, IndexedDB and the
 * service worker's caches. [] when nowhere.
 */
export function secretsOutsideInputs(page, secrets) {
  return page.evaluate(async (values) => {
    const hits = [];
    const look = (where, text) => {
      for (const [name, value] of Object.entries(values)) if (value && String(text).includes(value)) hits.push(`${name} in ${where}`);
    };
    const markup = document.documentElement.cloneNode(true);
    for (const input of markup.querySelectorAll('input')) input.removeAttribute('value');
    look('the HTML', markup.outerHTML);
    look('the visible text', document.body.innerText);
    look('the URL', location.href);
    for (const input of document.querySelectorAll('input, select, textarea')) {
      if (input.id !== 'secret-access-key' && input.id !== 'session-token') look(`input #${input.id}`, input.value);
    }
    look('localStorage', JSON.stringify({ ...localStorage }));
    look('sessionStorage', JSON.stringify({ ...sessionStorage }));
    look('cookies', document.cookie);
    if ((await indexedDB.databases()).length) hits.push('an IndexedDB database exists');
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) look(`cached ${request.url}`, request.url);
    }
    return hits;
  }, secrets);
}

/** Picks "A custom endpoint" and fills its URL and signing region. */
export async function chooseCustomEndpoint(page, endpoint, region = 'us-east-1') {
  await page.getByLabel('A custom endpoint').check();
  await page.getByLabel('Endpoint URL').fill(endpoint);
  await page.getByLabel('Signing region').fill(region);
}

/**
 * Registers the node:test hooks every Chromium test file needs, in the suite
 * (describe or file) it is called in, and returns the object they fill:
 * `.stack` (what start() made: startStack({ data }) unless start is given;
 * anything it returns with a pageUrl and a close()) and `.browser` for the
 * whole suite; with perTest, a fresh `.context`, `.page` and `.violations`
 * for each test, the page opened at stack.pageUrl and ready.
 * Per test, in order: reset(stack) (default: the local IAM's state reset, when
 * the stack has control()), open, opened(page, stack) (a file's own step, e.g.
 * picking a custom endpoint); after it: check(web) (a file's own assertions,
 * e.g. no CSP violation), then the context is closed.
 * open(contextOptions, { csp }) opens a page the same way for a test that
 * makes its own (csp: false when the test watches no CSP violations).
 */
export function usePageStack({ data, perTest = false, start, reset, beforeGoto, opened, check } = {}) {
  const web = { stack: null, browser: null, context: null, page: null, violations: null };
  web.open = async (contextOptions, { csp = true } = {}) => {
    const context = await web.browser.newContext(contextOptions);
    const violations = csp ? await watchCsp(context) : undefined;
    const page = await context.newPage();
    await beforeGoto?.(page, web.stack);
    await page.goto(web.stack.pageUrl);
    await waitReady(page);
    return { context, page, violations };
  };
  before(async () => {
    web.stack = await (start ? start() : startStack({ data }));
    web.browser = await launchChromium();
  });
  after(async () => {
    await web.browser?.close();
    await web.stack?.close();
  });
  if (perTest) {
    beforeEach(async () => {
      if (reset) await reset(web.stack);
      else if (web.stack.control) await web.stack.control({ reset: true });
      Object.assign(web, await web.open());
      await opened?.(web.page, web.stack);
    });
    afterEach(async () => {
      try {
        await check?.(web);
      } finally {
        await web.context.close();
      }
    });
  }
  return web;
}
