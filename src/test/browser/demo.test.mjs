// `./demo` end to end, as a newcomer runs it: the one command starts the FHIR server, loads the examples and the
// Synthea patients with their home data, starts Flipside and the demo EHR, and prints the URLs. Then, in Chromium, each
// Synthea patient's chart shows the cards of the clinical picture ./demo gave it, the heart-failure and CGM charts'
// "See the trend" links open the trend view, and Ctrl-C stops everything ./demo started. Screenshots go to
// SCREENSHOT_DIR. ./test-all runs it last, after mvn verify, on ports of its own; by hand, from src/test/browser:
//   SCREENSHOT_DIR=../../../target/demo-screenshots node demo.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { check, result } from './checks.mjs';

const repo = resolve('../../..');
const shots = resolve(process.env.SCREENSHOT_DIR || 'demo-screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const ports = { FLIPSIDE_PORT: process.env.FLIPSIDE_PORT || '9080', FLIPSIDE_HTTPS_PORT: process.env.FLIPSIDE_HTTPS_PORT || '9443',
  FHIR_PORT: process.env.FHIR_PORT || '8091', EHR_PORT: process.env.EHR_PORT || '9070' };
const ehr = `http://127.0.0.1:${ports.EHR_PORT}`;
const READY_SECONDS = Number(process.env.READY_SECONDS || 900);

// picture (patients.tsv, SyntheaPghd.Picture) → what its chart must show, and the trend sections its link opens
const PICTURES = {
  UNCONTROLLED_HOME_BP: { text: /Home BP/, trend: ['#bp'] },
  CGM_LOWS: { text: /below 70|hypoglyc/i, trend: ['#glucose'] },
  HF_WEIGHT_GAIN: { text: /KCCQ-12/, trend: ['#weight', '#kccq'] },
  DEPRESSION_RISING: { text: /PHQ-9/, trend: ['.prom'] },
  REGULATED_CUFF_HOME_BP: { text: /Home BP/, trend: ['#bp'] },
};

mkdirSync(shots, { recursive: true });
let demo;
let output = '';
let context;

function startDemo() {
  demo = spawn('bash', ['./demo'], { cwd: repo, env: { ...process.env, ...ports }, stdio: ['ignore', 'pipe', 'pipe'] });
  demo.stdout.on('data', (d) => { output += d; process.stdout.write('# ' + String(d).split('\n').join('\n# ').replace(/# $/, '')); });
  demo.stderr.on('data', (d) => { output += d; });
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`./demo was not ready within ${READY_SECONDS} s`)), READY_SECONDS * 1000);
    demo.stdout.on('data', () => { if (/ready in \d+ s/.test(output) && output.includes('Ctrl-C stops the demo')) { clearTimeout(timer); ready(); } });
    demo.on('exit', (code) => { clearTimeout(timer); fail(new Error('./demo exited with ' + code + ' before it was ready')); });
  });
}

function stopped(child, seconds) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    const timer = setTimeout(() => done(null), seconds * 1000);
    child.on('exit', (code, signal) => { clearTimeout(timer); done(code ?? signal); });
  });
}

const listening = async (url) => fetch(url).then(() => true, () => false);

try {
  const started = Date.now();
  await startDemo();
  console.log(`# ./demo ready after ${Math.round((Date.now() - started) / 1000)} s`);
  const dataDir = output.match(/loading the Synthea patients and their home data \(([^)]+)\)/);
  assert.ok(dataDir, './demo loaded Synthea patients (SYNTHEA_POPULATION=0 leaves nothing for this test)');
  const patients = readFileSync(join(repo, dataDir[1], 'load', 'patients.tsv'), 'utf8').trim().split('\n')
    .map((line) => line.split('\t')).map(([id, , picture]) => ({ id, picture }));

  await check('./demo prints the URLs to open', async () => {
    assert.ok(output.includes(`${ehr}/`), 'the demo EHR');
    assert.ok(output.includes('/trend/launch.html?iss='), 'the standalone trend view');
    assert.ok(output.includes('/cds-services'), 'discovery');
  });

  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'flipside-demo-')), {
    executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await check('the demo EHR lists every Synthea patient', async () => {
    await page.goto(`${ehr}/`);
    const listed = await page.locator('#patient option').evaluateAll((options) => options.map((o) => o.value));
    patients.forEach((p) => assert.ok(listed.includes(p.id), `${p.picture} patient listed`));
    await page.screenshot({ path: join(shots, 'demo-ehr-patients.png') });
  });

  for (const { id, picture } of patients) {
    const expected = PICTURES[picture];
    await check(`${picture}: the chart shows the picture's warning, and its link opens the trend view`, async () => {
      assert.ok(expected, `a known picture: ${picture}`);
      await page.goto(`${ehr}/chart?patient=${encodeURIComponent(id)}`, { timeout: 120000 });
      await page.locator('.card').first().waitFor({ timeout: 60000 });
      const cards = await page.locator('main').innerText();
      assert.match(cards, expected.text);
      assert.ok(await page.locator('.card.warning, .card.critical').count() > 0, `a warning card:\n${cards.slice(0, 600)}`);
      assert.doesNotMatch(cards, /could not be retrieved|could not be reached/i, 'the data was read');
      await page.screenshot({ path: join(shots, `demo-${picture}-chart.png`), fullPage: true });
      await page.locator('a.smart').first().click();
      await page.waitForFunction(() => document.body && document.body.dataset.rendered, null, { timeout: 60000 });
      assert.equal(await page.evaluate(() => document.body.dataset.rendered), 'true', await page.locator('body').innerText());
      for (const selector of expected.trend) {
        assert.ok(await page.locator(selector).count() > 0, `${selector} is shown`);
      }
      await page.screenshot({ path: join(shots, `demo-${picture}-trend.png`), fullPage: true });
    });
  }

  await check('no script failed on the EHR or the trend view', async () => assert.deepEqual(errors, []));

  await context.close();
  context = null;
  await check('Ctrl-C stops ./demo and every server it started', async () => {
    demo.kill('SIGINT');
    assert.notEqual(await stopped(demo, 60), null, './demo ended within 60 s');
    for (const url of [`${ehr}/`, `http://127.0.0.1:${ports.FHIR_PORT}/fhir/metadata`, `http://localhost:${ports.FLIPSIDE_PORT}/health`]) {
      let up = true;
      for (let i = 0; i < 30 && up; i++) {
        up = await listening(url);
        if (up) await new Promise((r) => setTimeout(r, 1000));
      }
      assert.equal(up, false, `${url} no longer answers`);
    }
  });
} catch (error) {
  result.failed++;
  console.log(`not ok - ./demo end to end\n  ${String(error.stack || error).split('\n').join('\n  ')}`);
  console.log(output.split('\n').slice(-30).map((l) => '# ' + l).join('\n'));
} finally {
  if (context) await context.close();
  if (demo && demo.exitCode === null) { demo.kill('SIGINT'); await stopped(demo, 60); }
}
process.exit(result.failed ? 1 : 0);
