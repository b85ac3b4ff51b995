// End-to-end: the postMessage bridge for course pages that are no LMS
// (issue 16, docs/embed.md). A host page on one origin frames synack,
// served from another, with `origin=` naming the host: the frame posts
// 'ready', progress and scores to that origin alone, and answers 'hello'
// only from it. A frame told another origin tells this host nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';
import { dist } from './harness.mjs';

const HOST_PAGE = `<!doctype html><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,"><body>
<script>
window.got = [];
addEventListener('message', (e) => got.push({ origin: e.origin, data: e.data }));
const frame = document.createElement('iframe');
frame.src = new URLSearchParams(location.search).get('frame');
frame.width = 1280; frame.height = 900;
document.body.append(frame);
window.hello = () => frame.contentWindow.postMessage({ source: 'synack-host', type: 'hello' }, '*');
</script>`;

let dir, app, host, browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synack-host-'));
  fs.writeFileSync(path.join(dir, 'course.html'), HOST_PAGE);
  app = await serve(dist);
  host = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  app?.server.close();
  host?.server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function course(origin) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const src = `${app.url}?exercise=order&vary=none&origin=${encodeURIComponent(origin)}`;
  await page.goto(`${host.url}course.html?frame=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('.order-cards li');
  return { page, frame, errors };
}

const got = (page) => page.evaluate(() => window.got);
const hostOrigin = () => new URL(host.url).origin;

test('the host named by origin= hears ready, progress and the score, from the frame\'s origin', async () => {
  const { page, frame, errors } = await course(hostOrigin());
  await page.waitForFunction(() => window.got.some((m) => m.data.type === 'ready'));
  await frame.click('button.check-order');
  await page.waitForFunction(() => window.got.some((m) => m.data.type === 'score'));
  const messages = await got(page);
  const appOrigin = new URL(app.url).origin;
  assert.ok(messages.every((m) => m.origin === appOrigin && m.data.source === 'synack'));
  const ready = messages.find((m) => m.data.type === 'ready').data;
  assert.match(ready.version, /^\d+\.\d+\.\d+/);
  const score = messages.find((m) => m.data.type === 'score').data;
  assert.equal(score.exercise, 'order');
  assert.equal(score.total, 3);
  assert.ok(score.right >= 0 && score.right < 3, 'dealt shuffled: not all right as dealt');
  assert.match(decodeURIComponent(score.progress), /order=\d,\d,\d&checked=1/);
  assert.ok(messages.some((m) => m.data.type === 'progress'), 'progress went out too');
  // A host that listens late asks, and hears it all again.
  const before = messages.length;
  await page.evaluate(() => window.hello());
  await page.waitForFunction((n) => window.got.length >= n + 3, before);
  const again = (await got(page)).slice(before).map((m) => m.data.type);
  assert.deepEqual(again, ['ready', 'progress', 'score']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a frame told another origin posts nothing to this host, and ignores its hello', async () => {
  const { page, frame, errors } = await course('https://elsewhere.example');
  await frame.waitForFunction(() => window.synack);
  await frame.click('button.check-order');
  await frame.waitForSelector('.exercise.order.checked');
  await page.evaluate(() => window.hello());
  await page.waitForTimeout(500);
  assert.deepEqual(await got(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an origin that is no origin starts no bridge and says why', async () => {
  const { page, frame, errors } = await course('javascript:alert(1)');
  assert.match(await frame.textContent('.notice'), /Ignored origin=javascript:alert\(1\): expected an origin such as https:\/\/course\.example\.edu/);
  await frame.click('button.check-order');
  await page.waitForTimeout(300);
  assert.deepEqual(await got(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});
