// The trend view in a real browser, end to end: the demo EHR (dev/demo/ehr.mjs) opens each example patient's chart
// (patient-view against the running Flipside, which reads the record from the FHIR server), follows the card's SMART
// link through the EHR launch (PKCE, state, token), and the view renders; screenshots go to SCREENSHOT_DIR. Bad launches
// give a page that says what is wrong. Run by TrendBrowserIT; by hand (FHIR server and Flipside up):
//   BASE_URL=http://localhost:9080 FHIR_BASE=http://127.0.0.1:8091/fhir EHR_PORT=9070 SCREENSHOT_DIR=../../../target/trend-screenshots node trend.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { check, result } from './checks.mjs';
import { loadExamples } from '../../../dev/demo/examples.mjs';

const base = process.env.BASE_URL || 'http://localhost:9080';
const fhirBase = process.env.FHIR_BASE || 'http://127.0.0.1:8091/fhir';
const ehrPort = Number(process.env.EHR_PORT || 9070);
const ehr = `http://127.0.0.1:${ehrPort}`;
const shots = resolve(process.env.SCREENSHOT_DIR || 'trend-screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const repo = resolve('../../..');

// example → what its view must show
const EXAMPLES = {
  'vignette-1-masked-uncontrolled': { sections: ['#bp'], text: ['Home mean 138/86 mmHg', '52 readings on 13 days'] },
  'edge-2-cuffless-watch-only': { sections: ['#bp'], text: ['No home readings the mean can use', 'cuffless'] },
  'vignette-3-cgm-hypoglycaemia': { sections: ['#glucose'], text: ['From the CGM maker\'s report', 'no daily profile'] },
  'vignette-5-hf-weight-kccq': { sections: ['#weight', '#kccq'], text: ['baseline', 'KCCQ-12 overall summary (heart failure)'] },
  'hf-kccq-decline': { sections: ['#weight', '#kccq'], text: ['Latest 50 (fair to good)', 'change -12 points (moderate)', 'Change sizes: 5 small, 10 moderate, 20 large'] },
  'proms-esas-severe': { sections: ['#esas'], text: ['ESAS-r symptoms', 'pain 8 (severe)', 'pain: 8 (severe), was 5', 'moderate 4–7, severe 7–10'] },
  'proms-phq9-severe': { sections: ['.prom'], text: ['PHQ-9', 'Latest 22 (severe)', 'MCID'] },
  'proms-gad7-deterioration': { sections: ['.prom'], text: ['GAD-7'] },
};
const NO_CHART = 'wearables-rhr-rise'; // resting heart rate only: its card has no link, the view has nothing to draw

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'flipside-trend-'));
let context;
let ehrProcess;

async function startEhr() {
  ehrProcess = spawn(process.execPath, [join(repo, 'dev/demo/ehr.mjs')], {
    env: { ...process.env, EHR_PORT: String(ehrPort), FHIR_UPSTREAM: fhirBase, FLIPSIDE: base }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ready, fail) => {
    ehrProcess.stdout.on('data', (d) => (String(d).includes('Demo EHR on') ? ready() : null));
    ehrProcess.on('exit', (code) => fail(new Error('the demo EHR exited with ' + code)));
  });
}

async function problemText(page) {
  await page.locator('#problem:not([hidden])').waitFor({ timeout: 30000 });
  return page.locator('#problem').innerText();
}

try {
  const loaded = await loadExamples(fhirBase, join(repo, 'examples'), [...Object.keys(EXAMPLES), NO_CHART], (m) => console.log('# ' + m));
  const ids = Object.fromEntries(loaded.map((l) => [l.example, l.patientId]));
  await startEhr();
  context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  const elsewhere = [];
  page.on('request', (r) => { if (![base, ehr].some((o) => r.url().startsWith(o)) && !r.url().startsWith('data:')) elsewhere.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // The first hook call after start loads the FHIR client's classes and can miss the 1.8 s callback deadline: a
  // partial answer without the data, so rightly without a link. Warm that path once, as the day's first chart would.
  await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids[Object.keys(EXAMPLES)[0]])}`,
    { timeout: 120000, waitUntil: 'networkidle' }).catch((e) => console.log('# warm-up: ' + e.message));

  for (const [example, expected] of Object.entries(EXAMPLES)) {
    await check(`${example}: the card's SMART link opens the trend view with the card's numbers`, async () => {
      assert.ok(ids[example], `${example} was loaded into the FHIR server`);
      if (expected.standalone) {
        await page.goto(`${base}/trend/launch.html?iss=${encodeURIComponent(ehr + '/fhir')}`);
        await page.locator('select[name=patient]').selectOption(ids[example]);
        await page.locator('button[type=submit]').click();
      } else {
        await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids[example])}`, { timeout: 120000 });
        const link = page.locator('a.smart').first();
        await link.waitFor({ timeout: 60000 });
        await link.click();
      }
      await page.waitForFunction(() => document.body && document.body.dataset.rendered, null, { timeout: 60000 });
      assert.equal(await page.evaluate(() => document.body.dataset.rendered), 'true', await page.locator('body').innerText());
      assert.ok(!page.url().includes('code='), 'the single-use code is not left in the address bar');
      for (const selector of expected.sections) {
        assert.ok(await page.locator(selector).count() > 0, `${selector} is shown`);
      }
      const text = await page.locator('#view').innerText();
      expected.text.forEach((t) => assert.ok(text.includes(t), `"${t}" in the view:\n${text.slice(0, 800)}`));
      assert.ok(await page.locator('canvas, .ranges').count() > 0, 'a chart or the time-in-ranges bar is drawn');
      await page.screenshot({ path: join(shots, `${example}.png`), fullPage: true });
    });
  }

  await check('the table view shows the same data without charts', async () => {
    await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids['vignette-1-masked-uncontrolled'])}`);
    await page.locator('a.smart').first().click();
    await page.waitForFunction(() => document.body && document.body.dataset.rendered === 'true', null, { timeout: 60000 });
    await page.locator('#toggle').click();
    assert.equal(await page.locator('#toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.chart').first().isVisible(), false);
    assert.ok(await page.locator('#bp table.table tbody tr').count() >= 52);
    await page.screenshot({ path: join(shots, 'vignette-1-masked-uncontrolled-table.png'), fullPage: true });
  });

  await check('KCCQ-12 and ESAS-r: one chart per ESAS-r symptom, and each has its table', async () => {
    await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids['proms-esas-severe'])}`);
    await page.locator('a.smart').first().click();
    await page.waitForFunction(() => document.body && document.body.dataset.rendered === 'true', null, { timeout: 60000 });
    assert.equal(await page.locator('#esas .multiples canvas').count(), 9, 'nine symptoms, nine small charts');
    assert.equal(await page.locator('#esas figcaption').first().innerText(), 'pain: 8 (severe), was 5', 'the worst symptom first');
    await page.locator('#toggle').click();
    assert.equal(await page.locator('#esas .multiples').isVisible(), false);
    assert.equal(await page.locator('#esas table.table tbody tr').count(), 2, 'one row per form');
    assert.equal(await page.locator('#esas table.table thead th').count(), 2 + 9, 'when, where and the nine symptoms');
    await page.screenshot({ path: join(shots, 'proms-esas-severe-table.png'), fullPage: true });

    await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids['hf-kccq-decline'])}`);
    await page.locator('a.smart').first().click();
    await page.waitForFunction(() => document.body && document.body.dataset.rendered === 'true', null, { timeout: 60000 });
    await page.locator('#toggle').click();
    const rows = await page.locator('#kccq table.table tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(rows[1], /50/);
    await page.screenshot({ path: join(shots, 'hf-kccq-decline-table.png'), fullPage: true });
  });

  await check('an expired token gives a page that says to launch again', async () => {
    await fetch(`${ehr}/dev/expire-tokens`, { method: 'POST' });
    await page.reload();
    assert.match(await problemText(page), /did not accept the access token/);
    await page.screenshot({ path: join(shots, 'problem-expired-token.png') });
  });

  await check('a card about data the view does not draw has no link', async () => {
    assert.ok(ids[NO_CHART]);
    await page.goto(`${ehr}/chart?patient=${encodeURIComponent(ids[NO_CHART])}`);
    await page.locator('.card').first().waitFor({ timeout: 30000 });
    assert.equal(await page.locator('a.smart').count(), 0);
  });

  await check('a standalone launch for a patient without chartable data says so', async () => {
    await page.goto(`${base}/trend/launch.html?iss=${encodeURIComponent(ehr + '/fhir')}`);
    await page.locator('select[name=patient]').selectOption(ids[NO_CHART]);
    await page.locator('button[type=submit]').click();
    assert.match(await problemText(page), /Nothing to chart/);
    await page.screenshot({ path: join(shots, 'problem-no-data.png') });
  });

  await check('a launch without iss, with a foreign iss, or without a sign-in gives a clear page', async () => {
    await page.goto(`${base}/trend/launch.html`);
    assert.match(await problemText(page), /Open this view from the patient's chart/);
    await page.screenshot({ path: join(shots, 'problem-missing-iss.png') });
    await page.goto(`${base}/trend/launch.html?iss=${encodeURIComponent('http://169.254.169.254/fhir')}&launch=x`);
    assert.match(await problemText(page), /not allowed/);
    await page.screenshot({ path: join(shots, 'problem-foreign-iss.png') });
    await page.goto(`${base}/trend/launch.html?iss=${encodeURIComponent(ehr + '/fhir')}&launch=unknown-launch`);
    assert.match(await problemText(page), /Unknown or expired launch/);
    await context.clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${base}/trend/index.html?code=forged&state=forged`);
    assert.match(await problemText(page), /without a sign-in in progress/);
  });

  await check('nothing was loaded from outside Flipside and the EHR, and no script failed', async () => {
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(errors, []);
  });
} catch (error) {
  result.failed++;
  console.log(`not ok - set-up\n  ${error.stack || error}`);
} finally {
  if (context) await context.close();
  if (ehrProcess) ehrProcess.kill();
  rmSync(profile, { recursive: true, force: true });
}
console.log(result.failed ? `# ${result.failed} failed` : '# all passed');
process.exit(result.failed ? 1 : 0);
