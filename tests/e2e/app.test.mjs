// End-to-end: the release build in dist/, served and driven in headless Chromium.
// Run by scripts/test.sh after `trunk build --release`; screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const artifacts = path.join(here, 'artifacts');
let server, url, browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is built (trunk build --release)');
  fs.mkdirSync(artifacts, { recursive: true });
  ({ server, url } = await serve(dist));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('#handshake svg.sequence .segment');
  return { page, errors };
}

test('the page draws a real handshake', async () => {
  const { page, errors } = await openPage();
  const labels = await page.$$eval('#handshake .segment .label', (els) => els.map((e) => e.textContent));
  assert.deepEqual(labels, ['SYN seq=0', 'SYN, ACK seq=0 ack=1', 'ACK seq=1 ack=1']);
  const states = await page.$$eval('#handshake .mark.state', (els) => els.map((e) => e.textContent));
  for (const s of ['LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']) assert.ok(states.includes(s), s);
  assert.equal(await page.locator('#syn-ack-lost .segment.lost .cross').count(), 1);
  assert.ok(await page.isVisible('#crash') === false);
  await page.screenshot({ path: path.join(artifacts, 'page-1280x800.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page fits a phone', async () => {
  const { page, errors } = await openPage({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  await page.screenshot({ path: path.join(artifacts, 'page-390x844.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('window.synack.simulate answers as documented', async () => {
  const { page } = await openPage();
  const r = await page.evaluate(() => {
    const t = window.synack.simulate({ drop: [{ dir: 's2c', nth: 1 }] });
    return {
      version: window.synack.version,
      flags: t.segments.map((s) => s.flags.join(',')),
      retransmitted: t.segments.filter((s) => s.retransmission).map((s) => [s.from, s.sent_us]),
      lost: t.segments.filter((s) => s.lost).map((s) => [s.id, s.arrive_us]),
      states: t.states.filter((s) => s.endpoint === 'client').map((s) => s.to),
      outcome: t.outcome.client,
    };
  });
  assert.match(r.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(r.flags, ['SYN', 'SYN,ACK', 'SYN', 'SYN,ACK', 'ACK']);
  assert.deepEqual(r.retransmitted, [['client', 1000000], ['server', 1050000]]);
  assert.deepEqual(r.lost, [[1, null]]);
  assert.deepEqual(r.states, ['SYN-SENT', 'ESTABLISHED']);
  assert.equal(r.outcome.state, 'ESTABLISHED');
  assert.equal(r.outcome.error, null);
  const refused = await page.evaluate(() => window.synack.simulate({ server: { listening: false } }).outcome.client);
  assert.deepEqual([refused.state, refused.error], ['CLOSED', 'ECONNREFUSED']);
  await page.close();
});

test('a bad config throws an Error naming the field, and the page lives on', async () => {
  const { page, errors } = await openPage();
  const bad = await page.evaluate(() => {
    const attempts = [
      { c2s: { delay_ms: -5 } }, { c2s: { delay_ms: 'abc' } }, { s2c: { loss: 2 } },
      { c2s: { jitter_ms: NaN } }, { drop: [{ dir: 'up', nth: 1 }] }, 'nonsense',
    ];
    return attempts.map((cfg) => {
      try { window.synack.simulate(cfg); return 'no error'; } catch (e) { return `${e instanceof Error}:${e.message}`; }
    });
  });
  assert.match(bad[0], /^true:c2s\.delay_ms: must not be negative/);
  assert.match(bad[1], /^true:c2s\.delay_ms: invalid type/);
  assert.match(bad[2], /^true:s2c\.loss: must be a probability/);
  assert.match(bad[3], /^true:c2s\.jitter_ms/);
  assert.match(bad[4], /^true:drop\[0\]\.dir/);
  assert.match(bad[5], /^true:config: must be an object/);
  // Still alive: the API answers and the page still shows its figures.
  const n = await page.evaluate(() => window.synack.simulate().segments.length);
  assert.equal(n, 3);
  assert.equal(await page.locator('#handshake .segment').count(), 3);
  assert.ok(!(await page.isVisible('#crash')));
  assert.deepEqual(errors, []);
  await page.close();
});
