// End-to-end: the exercise kinds beyond filling in fields (issue 16):
// putting shuffled segments in order, playing an endpoint (the run carries
// on from the student's choices, wrong ones included) and predicting each
// segment with a score, each graded with the rule behind the answer and
// reported as `synack:score` and `synack:progress`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, newPage } from './harness.mjs';

const env = useBrowser();

async function open(query, viewport) {
  const { page, errors, context } = await newPage(env.browser, viewport ? { viewport } : {});
  // Every score and progress the page sends out, as a host would see them.
  await page.addInitScript(() => {
    window.heard = [];
    for (const type of ['score', 'progress']) {
      window.addEventListener(`synack:${type}`, (e) => window.heard.push({ type, ...e.detail }));
    }
  });
  await page.goto(env.url + query);
  await page.waitForSelector('.exercise, svg.sequence');
  return { page, errors, context };
}

const heard = (page, type) => page.evaluate((t) => window.heard.filter((h) => h.type === t), type);

/** The order cards' texts, top to bottom. */
const cards = (page) => page.$$eval('.order-cards li code', (cs) => cs.map((c) => c.textContent));

test('segments put in order: the run stays unseen until checked, then each place is marked and the run plays', async () => {
  const { page, errors, context } = await open('?exercise=order&vary=none');
  await page.waitForSelector('.order-cards li');
  // The diagram, the log and the playback bar would give the order away.
  assert.equal(await page.$('svg.sequence'), null);
  assert.equal(await page.$('.event-log'), null);
  assert.equal(await page.$('.playback'), null);
  assert.match(await page.textContent('.order-hidden'), /appears once the order is checked/);
  await page.keyboard.press('End'); // playback keys do nothing either
  assert.equal(await page.$('svg.sequence'), null);
  const start = await cards(page);
  assert.equal(start.length, 3);
  assert.notDeepEqual(start, [...start].sort((a, b) => rank(a) - rank(b)), 'dealt shuffled');
  // Sort the cards with their buttons: SYN, SYN-ACK, ACK.
  function rank(t) { return t.includes('[SYN, ACK]') ? 1 : t.includes('[SYN]') ? 0 : 2; }
  for (let pass = 0; pass < 3; pass++) {
    const now = await cards(page);
    for (let i = 0; i + 1 < now.length; i++) {
      if (rank(now[i]) > rank(now[i + 1])) {
        await page.click(`.order-cards li:nth-child(${i + 1}) button.down`);
        now.splice(i, 2, now[i + 1], now[i]);
      }
    }
  }
  await page.click('button.check-order');
  await page.waitForSelector('.exercise.order.checked');
  assert.match(await page.textContent('.exercise .verdict'), /3 of 3 places right/);
  const why = await page.$$eval('.order-results tr.why', (trs) => trs.map((t) => t.textContent));
  assert.match(why[1], /#2 answers #1, which had to arrive first/);
  // The run is the answer: it plays now.
  await page.waitForSelector('svg.sequence');
  const scores = await heard(page, 'score');
  assert.deepEqual(scores.map(({ exercise, right, total }) => ({ exercise, right, total })),
    [{ exercise: 'order', right: 3, total: 3 }]);
  assert.match(scores[0].progress, /order=1%2C2%2C3|order=1,2,3/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Send a move: flags ticked, numbers typed. */
async function send(page, flags, seq, ack = '') {
  await page.waitForSelector('form.play-move');
  for (const f of flags) await page.check(`form.play-move input[value=${f}]`);
  await page.fill('form.play-move input[name=seq]', seq);
  await page.fill('form.play-move input[name=ack]', ack);
  const rows = await page.$$eval('.play-results tbody', (b) => b.length).catch(() => 0);
  await page.click('form.play-move button[type=submit]');
  await page.waitForFunction((n) => document.querySelectorAll('.play-results tbody').length > n, rows);
}

test('playing the server: right moves make the handshake, each graded; the score goes out when the run is over', async () => {
  const { page, errors, context } = await open('?exercise=play&vary=none');
  await page.waitForSelector('form.play-move');
  assert.match(await page.textContent('.play-turn'), /#1 arrived: \[SYN\] seq 0 len 0\. What do you send\?/);
  assert.match(await page.textContent('.exercise.play'), /Your initial sequence number: 0/);
  // The played side has no state but what the student makes of it.
  assert.match(await page.textContent('.endpoint-card.server .state-badge'), /played by you/);
  assert.match(await page.textContent('.state-diagram:nth-child(2) .transition'), /played by you/);
  assert.equal(await page.$$eval('.state-diagram:nth-child(2) .state-node.current', (n) => n.length), 0);
  // A form without flags is refused, in words.
  await page.click('form.play-move button[type=submit]');
  assert.match(await page.textContent('.exercise .error'), /Tick at least one flag/);
  await send(page, ['SYN', 'ACK'], '0', '1');
  // The client answered the SYN-ACK: the third segment arrived; nothing is due.
  await page.keyboard.press('End');
  await page.waitForSelector('form.play-move');
  assert.match(await page.textContent('.play-turn'), /#3 arrived: \[ACK\] seq 1 ack 1/);
  const progress = await heard(page, 'progress');
  assert.match(progress.at(-1).progress, /moves=/, 'each move goes out as progress');
  await page.click('form.play-move button.play-nothing');
  await page.waitForSelector('.exercise.play.checked');
  assert.match(await page.textContent('.exercise .verdict'), /2 of 2 moves right/);
  assert.equal(await page.$('.play-results tr.wrong'), null);
  // The client is ESTABLISHED, as with Linux on both sides.
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelectorAll('svg.sequence text.label').length === 3);
  const scores = await heard(page, 'score');
  assert.deepEqual(scores.map(({ exercise, right, total }) => ({ exercise, right, total })),
    [{ exercise: 'play', right: 2, total: 2 }]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wrong move goes on the wire and the other side answers it; the rule behind the right move is shown', async () => {
  const { page, errors, context } = await open('?exercise=play&vary=none&lang=en');
  // Answering a SYN with a bare ACK: the client drops it and sends its SYN again.
  await send(page, ['ACK'], '0', '1');
  const marks = await page.$$eval('.play-results tbody[data-move="0"] tr', (trs) => trs.map((t) => t.textContent));
  assert.match(marks[1], /\[ACK\].*\[SYN, ACK\].*wrong/);
  assert.match(await page.textContent('.play-results tr.why'), /SYN arrived in LISTEN: answer with SYN-ACK/);
  await page.keyboard.press('End');
  await page.waitForSelector('form.play-move');
  assert.match(await page.textContent('.play-turn'), /#3 arrived: \[SYN\] seq 0 len 0/, 'the client\'s SYN again');
  // Acking seq + 0 this time: the client resets it.
  await send(page, ['SYN', 'ACK'], '0', '0');
  await page.keyboard.press('End');
  await page.waitForSelector('form.play-move');
  assert.match(await page.textContent('.play-turn'), /\[RST\]/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('predicting as an exercise: the student\'s numbers, a score once every segment is answered, and the predictions in its progress', async () => {
  const { page, errors, context } = await open('?exercise=predict&student=alice&lang=zh');
  assert.match(await (await page.waitForSelector('.student')).textContent(), /alice/, 'whose numbers these are');
  // Every segment skipped: each asked as it leaves, then the summary.
  await page.click('.playback .play');
  for (let i = 0; i < 3; i++) {
    await page.waitForSelector('.quiz form');
    await page.click('.quiz button[type="button"]');
    await page.click('.quiz button.primary');
  }
  await page.waitForSelector('.quiz.summary');
  await page.waitForFunction(() => window.heard.some((h) => h.type === 'score'));
  const [score] = await heard(page, 'score');
  assert.deepEqual({ exercise: score.exercise, right: score.right, total: score.total, student: score.student },
    { exercise: 'predict', right: 0, total: 3, student: 'alice' });
  assert.match(decodeURIComponent(score.progress), /predicted=-,-,-/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in a 640 px embed, the cards to order take the frame\'s width, and the diagram comes back beside the story once checked', async () => {
  const { page, errors, context } = await open('?exercise=order&embed=1&vary=none', { width: 640, height: 500 });
  await page.waitForSelector('.order-cards li');
  const width = await page.$eval('.order-cards', (ol) => ol.getBoundingClientRect().width);
  assert.ok(width > 560, `cards ${width}px wide`);
  await page.click('button.check-order');
  await page.waitForSelector('svg.sequence');
  const columns = await page.$eval('.workspace', (w) => getComputedStyle(w).gridTemplateColumns.split(' ').length);
  assert.equal(columns, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
