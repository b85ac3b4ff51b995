// End-to-end: the fill-in exercise a teacher makes with a link (issue 16).
// The asked fields are hidden everywhere the page would tell them; each
// student gets their own numbers; checking grades every field with the rule
// behind it; a tampered link gives notices and a working page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, newPage } from './harness.mjs';

const env = useBrowser();
const EXERCISE = '?exercise=fill&ask=1,2,3&vary=isn,delay&numbers=absolute';

async function open(query, viewport) {
  const { page, errors, context } = await newPage(env.browser, viewport ? { viewport } : {});
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  await page.goto(env.url + query);
  await page.waitForSelector('svg.sequence');
  return { page, errors, context, wasm };
}

/** The texts of the arrows' labels, in order. */
const labels = (page) => page.$$eval('svg.sequence text.label', (ts) => ts.map((t) => t.textContent));
/** The first log line's text. */
const logLine = (page, n) => page.textContent(`.event-log li[data-segment="${n}"] .line`);

/** Type `values` into the exercise's boxes, in order, and check. */
async function answer(page, values) {
  const boxes = await page.$$('.fill-grid input[type=text]');
  assert.equal(boxes.length, values.length, 'one box per hidden field');
  for (const [i, box] of boxes.entries()) await box.fill(values[i]);
  await page.click('.exercise button.primary');
  await page.waitForSelector('.exercise.checked');
}

test('a plain page does not fetch the exercise\'s code', async () => {
  const { page, errors, context, wasm } = await open('?scenario=handshake');
  await page.keyboard.press('End');
  await page.waitForTimeout(300);
  assert.ok(!wasm.includes('split_exercise.wasm'), `fetched: ${wasm}`);
  assert.equal(await page.$('.exercise'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exercise hides what it asks, grades each field with its rule, and each student has their own numbers', async () => {
  const { page, errors, context, wasm } = await open(EXERCISE);
  await page.keyboard.press('End');
  await page.waitForSelector('.exercise.fill');
  assert.ok(wasm.includes('split_exercise.wasm'), `fetched: ${wasm}`);
  // Hidden in the diagram, the log and the inspector; no exports, no controls.
  assert.deepEqual(await labels(page), ['SYN seq=?', 'SYN, ACK seq=? ack=?', 'ACK seq=? ack=?']);
  assert.match(await logLine(page, 1), /Flags \[S\.\], seq \?, ack \?, win/);
  await page.click('.event-log li[data-segment="1"] .line');
  await page.waitForSelector('.panels');
  assert.match(await page.textContent('.panels'), /Hidden until the answers are checked/);
  assert.equal(await page.$('.share .download-pcap'), null, 'no exports while the answers are open');
  assert.ok(await page.$('details.author-panel'), 'but a teacher may package it');
  assert.equal(await page.$('.event-log button.toggle'), null, 'nothing can be dropped');
  // (The click moved the playhead to that segment: back to the end.)
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('End');

  // Alice's numbers: her own delays and ISNs.
  await page.fill('.exercise form.student input', 'alice');
  await page.click('.exercise form.student button');
  await page.waitForSelector('.exercise .student:not(form)');
  assert.match(await page.textContent('.exercise .student'), /alice/);
  // Wrong answers: every field marked, with the right value and its rule.
  await answer(page, ['0', '0', '0', '0', '0']);
  assert.match(await page.textContent('.exercise .verdict'), /0 of 5 fields right/);
  const rights = await page.$$eval('.fill-results tr.wrong td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.equal(rights.length, 5);
  const why = await page.$$eval('.fill-results tr.why', (trs) => trs.map((t) => t.textContent));
  assert.match(why[0], /initial sequence number/);
  assert.match(why[2], /the next number expected after #1/);
  // Checked: the numbers show again.
  await page.waitForFunction((ack) => [...document.querySelectorAll('svg.sequence text.label')]
    .some((t) => t.textContent.includes(`ack=${ack}`)), rights[2]);
  // Again, right this time.
  await page.click('.exercise.checked button');
  await answer(page, rights);
  assert.match(await page.textContent('.exercise .verdict'), /5 of 5 fields right/);
  assert.equal(await page.$('.fill-results tr.wrong'), null);
  // The link now carries alice; Bob's link gives other numbers.
  const aliceIsn = rights[0];
  const bob = await open(EXERCISE + '&student=bob');
  await bob.page.keyboard.press('End');
  await bob.page.waitForSelector('.exercise.fill');
  await answer(bob.page, ['0', '0', '0', '0', '0']);
  const bobIsn = await bob.page.textContent('.fill-results tr.wrong td:nth-child(3)');
  assert.notEqual(bobIsn, aliceIsn, 'another student, another ISN');
  // Alice's link, opened again, gives her numbers: the grading knows them.
  const again = await open(EXERCISE + '&student=alice');
  await again.page.keyboard.press('End');
  await again.page.waitForSelector('.exercise.fill');
  await answer(again.page, rights);
  assert.match(await again.page.textContent('.exercise .verdict'), /5 of 5/);
  assert.deepEqual([...errors, ...bob.errors, ...again.errors], []);
  await Promise.all([context.close(), bob.context.close(), again.context.close()]);
});

test('hidden flags are asked with boxes, and a dash is the ack of a segment without ACK', async () => {
  const { page, errors, context } = await open('?exercise=fill&hide=flags,ack&ask=1&lang=zh', { width: 390, height: 844 });
  await page.keyboard.press('End');
  await page.waitForSelector('.exercise.fill');
  assert.equal((await labels(page))[0], '? seq=0 ack=?');
  assert.match(await logLine(page, 0), /Flags \[\?\], seq 0, ack \?,/);
  await page.check('.fill-grid input[value="SYN"]');
  await page.fill('.fill-grid input[type=text]', '–');
  await page.click('.exercise button.primary');
  await page.waitForSelector('.exercise.checked');
  assert.match(await page.textContent('.exercise .verdict'), /2 个字段中答对 2 个/);
  // The grid fits a phone: nothing wider than the page.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page ${wide}px wide`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the numbers can be taken off the diagram, from the link or the page', async () => {
  const { page, errors, context } = await open('?scenario=handshake&labels=0');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelectorAll('svg.sequence text.label').length === 3);
  assert.deepEqual(await labels(page), ['SYN seq=?', 'SYN, ACK seq=? ack=?', 'ACK seq=? ack=?']);
  assert.ok(await page.isChecked('#hide-numbers'));
  await page.uncheck('#hide-numbers');
  await page.waitForFunction(() => /seq=0/.test(document.querySelector('svg.sequence text.label').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered exercise link gives notices in the page\'s language and a working page', async () => {
  const { page, errors, context } = await open('?exercise=essay&student=%E2%80%AEevil&hide=window&ask=0&vary=all&labels=maybe');
  const notice = await page.textContent('.notice');
  assert.match(notice, /Ignored exercise=essay: expected fill, order, play or predict/);
  assert.match(notice, /Ignored hide=window: expected a list of flags, seq and ack/);
  assert.match(notice, /Ignored student=/);
  assert.equal(await page.$('.exercise'), null);
  // The page plays as ever.
  await page.keyboard.press('End');
  await page.waitForFunction(() => /seq=0/.test(document.querySelector('svg.sequence text.label')?.textContent ?? ''));
  // Options without exercise= are named too.
  const alone = await open('?student=alice&lang=zh');
  assert.match(await alone.page.textContent('.notice'), /student=alice：应为 同时给出 exercise=fill/);
  assert.deepEqual([...errors, ...alone.errors], []);
  await Promise.all([context.close(), alone.context.close()]);
});

test('the same exercise works as an embed', async () => {
  const { page, errors, context } = await open(EXERCISE + '&embed=1&student=alice', { width: 640, height: 500 });
  await page.keyboard.press('End');
  await page.waitForSelector('.exercise.fill');
  await answer(page, ['1', '2', '3', '4', '5']);
  assert.match(await page.textContent('.exercise .verdict'), /of 5 fields right/);
  assert.deepEqual(errors, []);
  await context.close();
});
