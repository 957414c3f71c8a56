// The card preview console in a real browser: Debian's Chromium driven by playwright-core (no browser download).
// Run by ConsoleBrowserIT while `mvn verify` has the server up; by hand:
//   BASE_URL=http://localhost:9080 ADMIN_PASSWORD=… SCREENSHOT=target/console-screenshot.png node console.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { check, result } from './checks.mjs';

const base = process.env.BASE_URL || 'http://localhost:9080';
const password = process.env.ADMIN_PASSWORD;
const screenshot = process.env.SCREENSHOT || 'console-screenshot.png';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
assert.ok(password, 'ADMIN_PASSWORD must be set');

const WARNING_ORANGE = 'rgb(230, 81, 0)'; // --warning in console.css
const profile = mkdtempSync(join(tmpdir(), 'flipside-console-'));
let context;

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    // this machine's network is closed: no background connections, no first-run or update traffic
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    httpCredentials: { username: 'admin', password },
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] || await context.newPage();
  const external = [];
  page.on('request', (request) => { if (!request.url().startsWith(base)) external.push(request.url()); });
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  const failedResponses = [];
  page.on('response', (response) => {
    // the browser's own favicon probe and the deliberately refused paste below are expected
    const expected = response.url().endsWith('/favicon.ico') || (response.url().endsWith('/admin/preview') && response.status() === 400);
    if (response.status() >= 400 && !expected) failedResponses.push(`${response.status()} ${response.url()}`);
  });

  await check('the console opens behind the admin credential and lists the example patients', async () => {
    const response = await page.goto(`${base}/admin/console/`);
    assert.equal(response.status(), 200);
    await page.locator('[data-example="vignette-1-masked-uncontrolled"]').waitFor({ timeout: 30000 });
  });

  await check('picking vignette 1 shows its warning card as an EHR would', async () => {
    const previewed = page.waitForResponse((r) => r.url().endsWith('/admin/preview') && r.request().method() === 'POST',
      { timeout: 60000 });
    await page.click('[data-example="vignette-1-masked-uncontrolled"]');
    const response = await previewed;
    assert.equal(response.status(), 200, await response.text());
    const card = page.locator('article.card[data-indicator="warning"]').first();
    await card.waitFor({ timeout: 30000 });
    assert.match(await card.locator('.summary').textContent(), /138\/86/);
    assert.equal(await card.evaluate((el) => getComputedStyle(el).borderLeftColor), WARNING_ORANGE);
    assert.equal(await card.locator('.badge').textContent(), 'warning');
    assert.equal(await card.locator('.detail table').count(), 1, 'the markdown table is rendered as a table');
    assert.match(await card.locator('.detail strong').first().textContent(), /138\/86/);
    assert.match(await card.locator('.source a').getAttribute('href'), /^https:\/\/doi\.org\//);
    assert.equal(await card.locator('.suggestions button').count(), 2);
  });

  await check('the fired rule is listed with the facts it matched', async () => {
    const row = page.locator('tr.firing[data-rule="bp.treated.masked-uncontrolled"]');
    await row.waitFor({ timeout: 10000 });
    assert.match(await row.textContent(), /bp-masked-uncontrolled/);
    assert.match(await row.textContent(), /HomeBloodPressure/);
  });

  await check('a pasted request that is not valid is refused with its reason, and nothing breaks', async () => {
    await page.fill('#request', '{"hook": "patient-view"}');
    const previewed = page.waitForResponse((r) => r.url().endsWith('/admin/preview'), { timeout: 30000 });
    await page.click('#run');
    assert.equal((await previewed).status(), 400);
    await page.locator('#status.error').waitFor({ timeout: 10000 });
    assert.match(await page.locator('#status').textContent(), /hookInstance/);
  });

  await check('nothing was loaded from outside Flipside and the page logged no error', async () => {
    assert.deepEqual(external, []);
    assert.deepEqual(failedResponses, []);
    // "Failed to load resource" repeats a response already judged above
    assert.deepEqual(consoleErrors.filter((e) => !e.startsWith('Failed to load resource')), []);
  });

  // the screenshot shows the vignette: re-run it so the refused paste is not what is kept
  const again = page.waitForResponse((r) => r.url().endsWith('/admin/preview'), { timeout: 60000 });
  await page.click('[data-example="vignette-1-masked-uncontrolled"]');
  await again;
  await page.locator('#status:not(.error)', { hasText: 'Evaluated at' }).waitFor({ timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} catch (error) {
  result.failed++;
  console.log(`not ok - the browser test could not run\n  ${error.stack || error}`);
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(result.failed === 0 ? 'console browser test: all checks passed' : `console browser test: ${result.failed} check(s) failed`);
process.exit(result.failed === 0 ? 0 : 1);
