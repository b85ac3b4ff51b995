// End-to-end: parts of the page whose code is fetched when first shown
// (src/later.rs). The page starts without them; each arrives when it is
// needed; one that cannot arrive says so and the page goes on working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, newPage } from './harness.mjs';

const env = useBrowser();

/** The page, with the names of the wasm files it fetched. */
async function open(query, { block } = {}) {
  const { page, errors, context } = await newPage(env.browser);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  if (block) await page.route(`**/${block}`, (r) => r.abort());
  await page.goto(env.url + query);
  await page.waitForSelector('.app .panels');
  return { page, errors, context, wasm };
}

test('the quiz and the header inspector are fetched when first shown, not with the page', async () => {
  const { page, errors, context, wasm } = await open('?scenario=handshake');
  await page.click('.playback .play');
  await page.waitForSelector('.event-log li[data-segment="2"]');
  // Only the JavaScript API's code comes at start, after the app's own.
  assert.deepEqual(wasm.filter((w) => w.startsWith('split_')), ['split_api.wasm'], `fetched at start: ${wasm}`);
  assert.ok(wasm.indexOf('synack-app_bg.wasm') < wasm.indexOf('split_api.wasm'));
  // Selecting a segment brings the inspector's code, then its header.
  await page.click('.event-log li[data-segment="0"] .line');
  await page.waitForSelector('.panels .header-grid', { timeout: 10000 });
  assert.ok(wasm.includes('split_inspector.wasm'), `fetched: ${wasm}`);
  assert.ok(!wasm.includes('split_quiz.wasm'), 'the quiz only when a quiz is shown');
  assert.deepEqual(errors, []);
  await context.close();
});

test('window.synack arrives after the app starts, and synack:ready says when; without it the page still plays', async () => {
  const { page, errors, context } = await open('?scenario=handshake');
  await page.waitForFunction(() => typeof window.synack?.simulate === 'function');
  assert.equal(await page.evaluate(() => window.synack.simulate({}).segments.length), 3);
  assert.deepEqual(errors, []);
  await context.close();
  const cut = await open('?scenario=handshake', { block: 'split_api.wasm' });
  await cut.page.click('.playback .play');
  await cut.page.waitForSelector('.event-log li[data-segment="2"]');
  assert.equal(await cut.page.evaluate(() => window.synack), undefined);
  assert.ok(cut.errors.some((e) => /JavaScript API's code did not arrive/.test(e)), cut.errors.join('\n'));
  await cut.context.close();
});

test('a part whose code cannot arrive says so, and the rest of the page keeps working', async () => {
  const { page, errors, context } = await open('?scenario=handshake', { block: 'split_inspector.wasm' });
  await page.click('.event-log li[data-segment="0"] .line');
  const alert = page.locator('.panels [role="alert"]');
  await alert.waitFor({ timeout: 10000 });
  assert.match(await alert.textContent(), /could not be loaded/);
  // Playback still answers (the keys, once the log's button lets go of focus).
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('End');
  await page.waitForFunction(() => /ESTABLISHED/.test(document.querySelector('.endpoint-card.server .state-badge').textContent));
  // The failed fetch is the only error the page reports.
  assert.ok(errors.every((e) => /split_inspector|Failed to load|fetch|wasm/i.test(e)), `errors: ${errors}`);
  await context.close();
});
