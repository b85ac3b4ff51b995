// End-to-end: the release build in dist/, served and driven in headless Chromium.
// Run by scripts/test.sh after `trunk build --release`; screenshots go to tests/e2e/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, newPage, artifacts, apiReady } from './harness.mjs';

const env = useBrowser();

async function openPage(viewport = { width: 1280, height: 800 }, locale = 'en-US') {
  const { page, errors } = await newPage(env.browser, { viewport, locale });
  await page.goto(env.url);
  await page.waitForSelector('svg.sequence');
  await apiReady(page);
  return { page, errors };
}

/** Play at the given speed until playback stops by itself at the end of the run. */
async function playToEnd(page, speed = '10') {
  await page.selectOption('.speed select', speed);
  await page.click('.playback .play');
  await page.waitForFunction(() => document.querySelector('.playback .play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 20000 });
}

const labels = (page) => page.$$eval('svg.sequence .label', (els) => els.map((e) => e.textContent));

test('a newcomer plays the handshake, drops the SYN-ACK by clicking it, and sees the retransmission', async () => {
  const { page, errors } = await openPage();
  assert.equal(await page.locator('svg.sequence .segment').count(), 0, 'nothing drawn before play');
  await playToEnd(page);
  assert.deepEqual(await labels(page), ['SYN seq=0', 'SYN, ACK seq=0 ack=1', 'ACK seq=1 ack=1']);
  assert.match(await page.textContent('.clock'), /0\.150 s/);
  assert.match(await page.textContent('.cards'), /ESTABLISHED[\s\S]*ESTABLISHED/);
  await page.screenshot({ path: path.join(artifacts, 'handshake-1280x800.png') });

  // Click the SYN-ACK arrow in the diagram: it is dropped, the run re-simulates.
  await page.click('svg.sequence line[data-segment="1"]', { force: true });
  await page.click('.playback button[aria-label="Restart"]');
  await page.waitForFunction(() => document.querySelector('.playback .play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 30000 });
  const log = await page.textContent('.event-log');
  assert.match(log, /0\.050000 server > client: Flags \[S\.\], seq 0, ack 1[\s\S]*✕ lost/);
  assert.match(log, /1\.000000 client > server: Flags \[S\], seq 0, win 64240/);
  assert.match(log, /\[Retransmission\]/, 'tagged as Wireshark would');
  assert.equal(await page.locator('svg.sequence .segment.lost[marker-end="url(#cross)"]').count(), 1);
  assert.equal(await page.locator('svg.sequence .segment.rtx').count(), 2);
  // A click on a log line jumps there and opens the segment in the inspector.
  await page.click('.event-log li[data-segment="2"] .line');
  assert.match(await page.textContent('.inspector'), /retransmission after RTO 1 s/);
  assert.match(await page.textContent('.clock'), /1\.000 s/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('.playback .play');
  await page.waitForFunction(() => document.querySelector('.playback .play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 30000 });
  await page.screenshot({ path: path.join(artifacts, 'syn-ack-dropped-1280x800.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('pressing a log line\'s Drop button keeps the log where it was on screen', async () => {
  const { page, errors } = await openPage();
  await page.fill('#data', '3000');
  await page.locator('.event-log').scrollIntoViewIfNeeded();
  const top = () => page.$eval('.event-log', (el) => el.getBoundingClientRect().top);
  const before = await top();
  // Dropping selects the segment, which fills the inspector above the log.
  await page.focus('.event-log li[data-segment="3"] .toggle');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.inspector');
  assert.ok(Math.abs((await top()) - before) < 2, `the log moved from ${before} to ${await top()}`);
  // The button keeps keyboard focus, now offering the opposite.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Let through');
  assert.match(await page.textContent('.event-log li[data-segment="3"]'), /✕ lost/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('bad input shows a message and keeps the last valid run', async () => {
  const { page, errors } = await openPage();
  await page.fill('#c2s-delay', '-5');
  assert.match(await page.textContent('.field.invalid .field-error'), /must be from 0 to 60000/);
  await page.fill('#c2s-delay', 'abc');
  assert.match(await page.textContent('.field.invalid .field-error'), /“abc” is not a number/);
  await page.fill('#s2c-loss', '1e12');
  assert.equal(await page.locator('.field.invalid').count(), 2);
  assert.equal(await page.locator('.event-log li').count(), 3, 'the last valid run stays');
  await page.screenshot({ path: path.join(artifacts, 'bad-input-1280x800.png') });
  await page.fill('#c2s-delay', '10');
  await page.fill('#s2c-loss', '0');
  assert.equal(await page.locator('.field.invalid').count(), 0);
  assert.match(await page.textContent('.event-log'), /0\.010000 server > client/);
  assert.ok(!(await page.isVisible('#crash')));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the keyboard drives playback', async () => {
  const { page, errors } = await openPage();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.clock'), /0\.050 s/);
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.textContent('.clock'), /0\.000 s/);
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('.playback .play', 'aria-pressed'), 'true');
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('.playback .play', 'aria-pressed'), 'false');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a Chinese browser gets Chinese, and the switch goes both ways', async () => {
  const { page, errors } = await openPage({ width: 1280, height: 800 }, 'zh-CN');
  assert.match(await page.textContent('.playback .play'), /播放/);
  await playToEnd(page);
  assert.match(await page.textContent('.explanation'), /服务器/);
  await page.screenshot({ path: path.join(artifacts, 'zh-1280x800.png') });
  await page.selectOption('#lang', 'en');
  assert.match(await page.textContent('.playback .play'), /Play/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the layout fits a phone', async () => {
  const { page, errors } = await openPage({ width: 390, height: 844 });
  await playToEnd(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  assert.equal(await page.locator('svg.sequence .segment').count(), 3);
  await page.screenshot({ path: path.join(artifacts, 'phone-390x844.png') });
  await page.screenshot({ path: path.join(artifacts, 'phone-390x844-full.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('dark mode and reduced motion are respected', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('svg.sequence');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)', 'dark background');
  // With reduced motion, playback jumps from event to event: the clock only ever shows event times.
  await page.click('.playback .play');
  const seen = new Set();
  for (let i = 0; i < 12; i++) {
    seen.add((await page.textContent('.clock')).trim());
    await page.waitForTimeout(120);
  }
  for (const c of seen) assert.match(c, /^t = 0\.(000|050|100|150) s$/, `clock ${c}`);
  await page.waitForFunction(() => document.querySelector('.playback .play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 20000 });
  assert.match(await page.textContent('.clock'), /0\.150 s/);
  await page.screenshot({ path: path.join(artifacts, 'dark-1280x800.png') });
  await context.close();
});

test('every scenario loads from its URL, plays to the end, and is captured', async () => {
  const { page, errors } = await openPage();
  const names = await page.$$eval('#scenario option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(names.length >= 15, `scenarios: ${names}`);
  for (const name of names) {
    await page.goto(`${env.url}?scenario=${name}`);
    await page.waitForSelector('.narrative h2');
    assert.equal(await page.$eval('#scenario', (s) => s.value), name);
    await playToEnd(page, '100');
    assert.ok((await page.locator('svg.sequence .segment').count()) > 0, name);
    // The scenario's lesson was fetched (lessons/en/<name>.txt) and follows the run.
    await page.waitForSelector('.narrative .beat-no');
    assert.match(await page.textContent('.narrative .beat'), /\S/);
    if (name === 'syn-cookies') {
      const cookies = Number((await page.textContent('.flood-counts')).match(/(\d+) answered with cookies/)[1]);
      assert.ok(cookies > 9000, `the flood's overflow is answered with cookies (${cookies})`);
      assert.match(await page.textContent('.cards'), /ESTABLISHED[\s\S]*ESTABLISHED/);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, `scenario-${name}.png`) });
  }
  // The picker loads a scenario and puts it in the address bar.
  await page.selectOption('#scenario', 'byte-counting');
  assert.match(page.url(), /scenario=byte-counting/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('unknown URL parameters give a notice and defaults, never a blank page', async () => {
  const { page, errors } = await openPage();
  await page.goto(`${env.url}?scenario=nope&lang=fr`);
  await page.waitForSelector('.notice');
  const notice = await page.textContent('.notice');
  assert.match(notice, /Ignored scenario=nope: expected a scenario name/);
  assert.match(notice, /Ignored lang=fr: expected en or zh/);
  assert.equal(await page.$eval('#scenario', (s) => s.value), 'handshake');
  await page.click('.notice button');
  assert.equal(await page.locator('.notice').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('quiz mode: predict each segment before it arrives, and learn why', async () => {
  const { page, errors } = await openPage();
  await page.check('#quiz');
  await page.click('.playback .play');
  await page.waitForSelector('.quiz form');
  // The question is not given away: the segment in flight and its log line are masked.
  assert.deepEqual(await labels(page), ['?']);
  assert.match(await page.textContent('.event-log li[data-segment="0"]'), /Flags \[\?\]/);
  // Nothing is chosen for the student, and what is not a number is refused.
  assert.equal(await page.inputValue('.quiz select[name="state"]'), '');
  await page.check('.quiz input[value="SYN"]');
  await page.fill('.quiz input[name="seq"]', 'zero');
  await page.click('.quiz button[type="submit"]');
  assert.match(await page.textContent('.quiz .field-error'), /seq: type a whole number/);
  await page.fill('.quiz input[name="seq"]', '0');
  await page.click('.quiz button[type="submit"]');
  assert.match(await page.textContent('.quiz .field-error'), /Choose the state/);
  // No timer on the cards names the segment before it is answered.
  assert.equal(await page.locator('.endpoint-card .countdown').count(), 0);
  await page.selectOption('.quiz select[name="state"]', 'SYN-RECEIVED');
  await page.click('.quiz button[type="submit"]');
  assert.match(await page.textContent('.quiz .verdict'), /Right/);
  assert.deepEqual(await labels(page), ['SYN seq=0']);
  await page.click('.quiz button.primary');
  // The SYN-ACK: the classic slip, ack = seq, forgetting that the SYN takes a number.
  await page.waitForSelector('.quiz form');
  await page.check('.quiz input[value="SYN"]');
  await page.check('.quiz input[value="ACK"]');
  await page.fill('.quiz input[name="seq"]', '0');
  await page.fill('.quiz input[name="ack"]', '0');
  await page.selectOption('.quiz select[name="state"]', 'ESTABLISHED');
  await page.click('.quiz button[type="submit"]');
  const feedback = await page.textContent('.quiz');
  assert.match(feedback, /Not quite/);
  assert.match(feedback, /ack01✗ wrong/, 'the answer given beside the right one');
  assert.match(feedback, /SYN arrived in LISTEN: answer with SYN-ACK/);
  assert.match(await page.textContent('.quiz-toggle'), /Score 1\/2/);
  await page.screenshot({ path: path.join(artifacts, 'quiz-1280x800.png') });
  // The last question skipped, the run ends on a summary with a way back.
  await page.click('.quiz button.primary');
  await page.waitForSelector('.quiz form');
  await page.click('.quiz button[type="button"]');
  await page.click('.quiz button.primary');
  await page.waitForSelector('.quiz.summary');
  const summary = await page.textContent('.quiz.summary');
  assert.match(summary, /Score 1\/2/);
  assert.match(summary, /#1 .*✓ right.*#2 .*✗ wrong.*#3 .*shown/);
  await page.click('.quiz.summary li:nth-child(2) button');
  assert.match(await page.textContent('.quiz'), /Answer · #2/);
  assert.deepEqual(errors, []);
  await page.context().close();
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
  await page.context().close();
});
