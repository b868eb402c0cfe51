// The workbench layout at desktop (1280x900) and phone (390x844) widths, in
// Debian's Chromium: the three jobs one step from the top; with long key IDs,
// long user names and a long refused-key message in the keys table, no
// sideways scrolling and no clipped cell (each cell's scrollWidth <=
// clientWidth); key IDs on one line; at phone width the cards' select-all
// and 44 px tap targets. Screenshots in test-artifacts/web/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keysStatus, screenshot, tableRows, usePageStack } from './harness.js';

const ADMIN = { accessKeyId: 'AKIALAYOUTADMIN000000000000000001', secretAccessKey: 'layout-admin-secret-not-a-real-secret' };
const LONG_NAME = `${'platform-deploy-service-account-'.repeat(2)}x`.slice(0, 64); // IAM's longest user name
const keyId = (n) => `AKIALAYOUTKEY${String(n).padStart(19, '0')}`; // 32 characters
const REFUSED = keyId(3);
const data = {
  users: [
    { userName: 'admin', accessKeys: [{ ...ADMIN, createDate: '2025-06-01T00:00:00Z' }] },
    ...[1, 2, 3].map((n) => ({
      userName: n === 1 ? 'bob' : `${LONG_NAME.slice(0, 62)}-${n}`,
      accessKeys: [{ accessKeyId: keyId(n), secretAccessKey: `layout-secret-${n}-not-a-real-secret`, createDate: `2024-0${n}-15T10:00:00Z` }],
    })),
  ],
};

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

/** Cells whose content is wider than the cell (clipped or overflowing), and whether the page scrolls sideways. */
function overflow(page) {
  return page.evaluate(() => ({
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
    wrapScrolls: document.querySelector('.table-wrap').scrollWidth > document.querySelector('.table-wrap').clientWidth,
    clipped: [...document.querySelectorAll('#keys-table td, #keys-table th')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth)
      .map((cell) => `${cell.dataset.label ?? 'th'}: ${cell.innerText.slice(0, 40)} (${cell.scrollWidth} > ${cell.clientWidth})`),
  }));
}

describe('the workbench layout', () => {
  const web = usePageStack({ data });

  for (const { name, viewport, isMobile, hasTouch } of VIEWPORTS) {
    test(`${name} ${viewport.width}x${viewport.height}: the jobs from the top, and the keys table with nothing clipped`, async () => {
      await web.stack.control({ reset: true });
      const { context, page, violations } = await web.open({ viewport, isMobile, hasTouch });
      // The three jobs are in the first screenful, and each link takes its section into view.
      for (const [link, heading] of [['A key leaked', 'leak-heading'], ['Review keys', 'keys-heading'], ['One call', 'request-heading']]) {
        await page.evaluate(() => window.scrollTo(0, 0));
        const box = await page.getByRole('link', { name: link }).boundingBox();
        assert.ok(box && box.y + box.height <= viewport.height, `${link} is visible at the top`);
        assert.ok(box.height >= 44 || name === 'desktop', `${link} is a 44 px tap target`);
        await page.getByRole('link', { name: link }).click();
        await page.waitForFunction((id) => {
          const rect = document.getElementById(id).getBoundingClientRect();
          return rect.top >= 0 && rect.top < window.innerHeight / 2;
        }, heading);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `layout-${name}-top`);

      await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
      await page.getByLabel('Secret access key').fill(ADMIN.secretAccessKey);
      await page.getByRole('button', { name: 'Check credentials' }).click();
      await keysStatus(page, /^Listed 1 key of the signer\./);
      // Once checked, who signs folds into a one-line bar.
      assert.equal(await page.locator('#access-key-id').isVisible(), false);
      assert.match(await page.locator('#signer-bar-text').innerText(), new RegExp(`^Signing as IAM user admin with ${ADMIN.accessKeyId}; sending to the local demo of IAM at http://127\\.0\\.0\\.1:\\d+ \\(not AWS\\)\\.$`));
      await web.stack.control({ deniedActions: ['GenerateCredentialReport'] }); // the per-user path (report-keys.test.js has the report's)
      await page.getByRole('button', { name: 'All users of the account' }).click();
      await keysStatus(page, /ListUsers\.\)$/);
      await web.stack.control({ failKey: { accessKeyId: REFUSED, with: 'AccessDenied' } });
      await page.getByRole('button', { name: `Deactivate ${REFUSED} (${data.users[3].userName})` }).click();
      await keysStatus(page, new RegExp(`^${REFUSED} .* to Inactive: IAM refused: AccessDenied`));
      const refused = (await tableRows(page)).find((row) => row.key === REFUSED);
      assert.match(refused.outcome, /^IAM refused: AccessDenied \(User: arn:aws:iam::\d+:user\/admin is not authorized to perform: iam:UpdateAccessKey/);
      assert.ok(refused.outcome.length > 150, 'a long message');

      assert.deepEqual(await overflow(page), { pageScrolls: false, wrapScrolls: false, clipped: [] });
      // Key IDs on one line, in a monospace font.
      const keyIds = await page.locator('#keys-body .key-id').evaluateAll((spans) => spans.map((span) => ({
        lines: Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight || '20')),
        rects: span.getClientRects().length,
        mono: /mono/.test(getComputedStyle(span).fontFamily),
      })));
      assert.equal(keyIds.length, 4);
      for (const id of keyIds) assert.deepEqual({ rects: id.rects, mono: id.mono }, { rects: 1, mono: true });

      if (name === 'phone') {
        // Cards, with a select-all and 44 px tap targets.
        assert.equal(await page.locator('#keys-table thead').isVisible(), false, 'no table header on a phone');
        const selectAll = page.getByLabel('Select every key shown');
        const all = await selectAll.boundingBox();
        assert.ok(all.width >= 44 && all.height >= 44, `select-all is ${all.width}x${all.height}`);
        const sizes = await page.locator('#keys-body input[type=checkbox], #keys-body button').evaluateAll((controls) => controls.map((c) => {
          const r = c.getBoundingClientRect();
          return [Math.round(r.width), Math.round(r.height)];
        }));
        assert.ok(sizes.every(([w, h]) => w >= 44 && h >= 44), `tap targets: ${JSON.stringify(sizes)}`);
        await selectAll.check();
        assert.equal(await page.locator('#keys-count').innerText(), 'Showing 4 of 4 keys; 4 selected.');
        assert.equal(await page.getByRole('button', { name: 'Deactivate selected (4)' }).isVisible(), true);
      } else {
        // The table takes the window's width.
        const widths = await page.evaluate(() => [document.querySelector('#keys-table').getBoundingClientRect().width, window.innerWidth]);
        assert.ok(widths[0] >= widths[1] - 80, `table ${widths[0]} px in a ${widths[1]} px window`);
      }
      await screenshot(page, `layout-${name}-keys`);
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
});
