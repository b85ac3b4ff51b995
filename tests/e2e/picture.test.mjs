// End-to-end: the picture tells the truth. The diagram comes first and
// stays put; a lesson opens on its first step; nothing drawn is hidden or
// unlabelled; the end shows the end; presentation mode; no accessibility
// violation; and the build is publishable on a plain static host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import { useBrowser, newPage, artifacts, dist, apiReady } from './harness.mjs';
import { serve } from './serve.mjs';

const env = useBrowser();
const tools = process.env.SYNACK_TOOLS || path.join(os.homedir(), '.cache', 'synack-tools');
const AXE = path.join(tools, 'node_modules', 'axe-core', 'axe.min.js');

async function open(query, viewport = { width: 1280, height: 800 }) {
  const { page, errors, context } = await newPage(env.browser, { viewport });
  await page.goto(env.url + query);
  await page.waitForSelector('svg.sequence');
  await apiReady(page);
  return { page, errors, context };
}

// Every arrow drawn is a segment with its own label, and no two arrows lie
// on one line: read off the page, not the layout.
async function drawnSegments(page) {
  return page.evaluate(() => [...document.querySelectorAll('.stage svg.sequence')].map((svg) => {
    const lines = [...svg.querySelectorAll('.arrows line.segment')];
    const labels = new Set([...svg.querySelectorAll('.arrows text.label')].map((t) => t.getAttribute('data-segment')));
    return {
      ids: lines.map((l) => l.getAttribute('data-segment')),
      unlabelled: lines.map((l) => l.getAttribute('data-segment')).filter((id) => !labels.has(id)),
      places: lines.map((l) => ['x1', 'y1', 'x2', 'y2'].map((a) => l.getAttribute(a)).join(',')),
    };
  }));
}

test('a lesson opens on its first step, with each side where it starts, and play moves at once', async () => {
  const { page, errors, context } = await open('?scenario=handshake');
  assert.match(await page.textContent('.narrative .beat-no'), /^1\/5$/);
  assert.match(await page.textContent('.narrative'), /called listen\(\)/);
  assert.equal(await page.textContent('.endpoint-card.server .state-badge'), 'LISTEN');
  assert.equal(await page.textContent('.endpoint-card.client .state-badge'), 'CLOSED');
  // At the slowest speed the SYN is on its way within a few frames.
  await page.selectOption('.speed select', { index: 0 });
  await page.click('.playback .play');
  await page.waitForSelector('circle.packet', { timeout: 1000 });
  assert.match(await page.textContent('.narrative .beat-no'), /^2\/5$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the diagram is the first thing on the page and stays put while the run plays', async () => {
  const { page, context } = await open('?scenario=syn-ack-lost');
  const box = () => page.locator('.diagram-scroll').boundingBox();
  const first = await box();
  assert.ok(first.y < 300 && first.y + first.height <= 800, `above the fold: ${JSON.stringify(first)}`);
  assert.ok(first.height >= 450, `tall enough: ${first.height}`);
  await page.selectOption('.speed select', { label: '10×' });
  await page.click('.playback .play');
  const tops = new Set();
  for (let i = 0; i < 12; i++) {
    tops.add(Math.round((await box()).y));
    await page.waitForTimeout(150);
  }
  assert.deepEqual([...tops], [Math.round(first.y)], 'its position never moves');
  // The event log sits beside it.
  const log = await page.locator('.event-log').boundingBox();
  assert.ok(log.x > first.x + first.width, 'the log is to the right of the diagram');
  await context.close();
  const phone = await open('?scenario=syn-ack-lost', { width: 390, height: 844 });
  const onPhone = await phone.page.locator('.diagram-scroll').boundingBox();
  assert.ok(onPhone.y < 844 / 2, `the first screen of a phone shows it: ${onPhone.y}`);
  await phone.context.close();
});

test('the lanes keep their names in sight when the figure scrolls to the end', async () => {
  const { page, errors, context } = await open('?scenario=four-way-close', { width: 390, height: 844 });
  await page.keyboard.press('End');
  await page.waitForTimeout(100);
  const r = await page.evaluate(() => {
    const box = document.querySelector('.diagram-scroll');
    const view = box.getBoundingClientRect();
    return {
      scrolled: box.scrollTop,
      names: [...document.querySelectorAll('.lane-heads text')].map((s) => {
        const b = s.getBoundingClientRect();
        return { text: s.textContent, inside: b.top >= view.top - 0.5 && b.bottom <= view.bottom + 0.5 };
      }),
    };
  });
  assert.ok(r.scrolled > 0, 'the end is further down than the first screen');
  assert.deepEqual(r.names, [{ text: 'Client', inside: true }, { text: 'Server', inside: true }]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every state and call beside a lane stays inside the figure, on a page and on a phone', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, errors, context } = await open('?scenario=handshake', viewport);
    const names = await page.evaluate(() => [...document.querySelector('#scenario').options].map((o) => o.value).filter(Boolean));
    for (const query of [...names.map((n) => `?scenario=${n}`), '?c2s_delay=50&data=14600']) {
      await page.goto(env.url + query);
      await page.waitForSelector('svg.sequence');
      await page.keyboard.press('End');
      await page.waitForTimeout(50);
      // Measured as drawn, in the figure's own units.
      const outside = await page.evaluate(() => [...document.querySelectorAll('svg.sequence')].flatMap((svg) => {
        const width = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text.mark')]
          .map((t) => ({ text: t.textContent, box: t.getBBox() }))
          .filter(({ box }) => box.x < -0.5 || box.x + box.width > width + 0.5)
          .map(({ text }) => text);
      }));
      assert.deepEqual(outside, [], `${viewport.width} px, ${query}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('every segment drawn has its own line and label, in every lesson, at its end', async () => {
  const { page, errors, context } = await open('?scenario=handshake');
  const names = await page.evaluate(() => [...document.querySelectorAll('.masthead select')[0].options].map((o) => o.value).filter(Boolean));
  assert.ok(names.length >= 23);
  for (const name of names) {
    await page.goto(`${env.url}?scenario=${name}`);
    await page.waitForSelector('svg.sequence');
    await page.keyboard.press('End');
    await page.waitForTimeout(50);
    // Only what is near the scrolled view is drawn: in a side-by-side
    // comparison a short run's arrows may all be out of it at the end.
    const drawn = await drawnSegments(page);
    assert.ok(drawn.some((d) => d.ids.length > 0), name);
    for (const d of drawn) {
      assert.deepEqual(d.unlabelled, [], `${name}: every arrow has its label`);
      assert.equal(new Set(d.places).size, d.places.length, `${name}: no arrow lies on another`);
    }
  }
  // Two runs on one clock: at the end both have ended, the three-way one
  // with its final ACK, and each still says which protocol it is.
  await page.goto(`${env.url}?scenario=two-way-old-duplicate`);
  await page.waitForSelector('svg.sequence');
  await page.keyboard.press('End');
  await page.waitForTimeout(50);
  const sides = await drawnSegments(page);
  assert.deepEqual(sides.map((d) => d.ids.length), [5, 6], 'two-way: 5 segments, three-way: 6');
  for (const label of await page.locator('.compare-label').all()) assert.ok(await label.isVisible());
  // The four-way close: the server's ACK and FIN leave together, drawn apart.
  await page.goto(`${env.url}?scenario=four-way-close`);
  await page.waitForSelector('svg.sequence');
  await page.keyboard.press('End');
  await page.waitForSelector('.stage text.label');
  const labels = await page.locator('.stage text.label').allTextContents();
  assert.ok(labels.includes('ACK seq=1 ack=2') && labels.includes('FIN, ACK seq=1 ack=2'), labels.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the end is the end: no timer on a closed endpoint, nothing in flight; timers named for what they are', async () => {
  for (const name of ['closed-port', 'four-way-close', 'syn-ack-lost', 'keepalive-dead-client']) {
    const { page, context } = await open(`?scenario=${name}`);
    await page.keyboard.press('End');
    await page.waitForTimeout(50);
    assert.equal(await page.locator('.endpoint-card .countdown').count(), 0, `${name}: no timer runs at the end`);
    assert.equal(await page.locator('circle.packet').count(), 0, `${name}: nothing in flight`);
    const max = Number(await page.getAttribute('.scrubber', 'max'));
    assert.ok(Math.abs(Number(await page.inputValue('.scrubber')) - max) < 1e-6, `${name}: the slider is at its end`);
    await context.close();
  }
  // TIME-WAIT lasts 60 s on Linux: a fixed time, not an RTO.
  const { page, context } = await open('?scenario=four-way-close');
  await page.keyboard.press('End');
  const titles = await page.locator('.timers title').allTextContents();
  const timeWait = titles.filter((t) => /TIME-WAIT/.test(t));
  assert.ok(timeWait.length === 1 && /60 s/.test(timeWait[0]) && !/RTO/.test(timeWait[0]), titles.join(' | '));
  assert.ok(titles.some((t) => /retransmission timer · RTO/.test(t)), 'retransmission timers keep their RTO');
  await context.close();
});

test('segments carry the tags Wireshark would give them, on the arrow and in the log', async () => {
  const { page, context } = await open('?data=5000&drop=c2s:3');
  await page.keyboard.press('End');
  assert.match(await page.textContent('.event-log'), /\[Dup ACK\]/);
  assert.match(await page.textContent('.event-log'), /\[Retransmission\]/);
  const tagged = await page.locator('.stage text.label', { hasText: '[Dup ACK]' }).count();
  assert.ok(tagged >= 1, 'a duplicate ACK is tagged on the diagram');
  await context.close();
});

test('data beyond a gap is reported by SACK blocks, in the log and the header, as Wireshark numbers them', async () => {
  const { page, context } = await open('?data=4380&drop=c2s:3,s2c:2,s2c:3');
  await page.keyboard.press('End');
  const lines = await page.$$eval('.event-log li', (ls) => ls.map((l) => l.textContent));
  assert.ok(lines.some((l) => /nop,nop,sack 1 \{2921:4381\}\]/.test(l)), lines.join('\n'));
  // The first data segment came again: a D-SACK reports it, before the block.
  const i = lines.findIndex((l) => /sack 2 \{1:1461\}\{2921:4381\}/.test(l));
  assert.ok(i >= 0, lines.join('\n'));
  await page.locator('.event-log li').nth(i).locator('button').first().click();
  assert.match(await page.textContent('.header-grid'), /NOP, NOP, SACK 1-1461 2921-4381/);
  await context.close();
});

test('presentation mode shows the diagram alone, large, and Escape leaves it', async () => {
  const { page, context } = await open('?scenario=four-way-close');
  await page.keyboard.press('p');
  await page.waitForSelector('.app.presenting');
  assert.equal(await page.locator('.masthead').isVisible(), false);
  assert.equal(await page.locator('.story').isVisible(), false);
  const box = await page.locator('.diagram-scroll').boundingBox();
  assert.ok(box.height >= 650 && box.width >= 1200, JSON.stringify(box));
  await page.screenshot({ path: path.join(artifacts, 'presenting.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.app:not(.presenting)');
  assert.equal(await page.locator('.masthead').isVisible(), true);
  await page.click('button.present');
  await page.waitForSelector('.app.presenting');
  await context.close();
});

test('no WCAG 2.1 A/AA violation on the main views (axe-core)', async () => {
  const views = [
    ['handshake, mid-run', '?scenario=syn-ack-lost', 3],
    ['中文', '?scenario=syn-ack-lost&lang=zh', 3],
    ['SYN flood', '?scenario=syn-flood', 6],
    ['quiz', '?scenario=handshake&quiz=1', 0],
    ['embed', '?scenario=syn-lost&embed=1', 2],
  ];
  for (const [name, query, steps] of views) {
    const { page, context } = await open(query);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`);
    });
    assert.deepEqual(violations, [], `${name}`);
    await context.close();
  }
});

test('dist/ is publishable as built: the embed code works on a plain static host with no CORS headers', async () => {
  const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.doesNotMatch(index, /data-trunk|__trunk_address__|WebSocket/, 'no development reload script, nothing unprocessed');
  // A host that sends only content types, as python's http.server does.
  const plain = await serve(dist, { prefix: '/school/synack/' });
  try {
    const { page, errors, context } = await newPage(env.browser, { viewport: { width: 760, height: 1400 } });
    await page.goto(plain.url + 'embed-example.html');
    for (let i = 0; i < 3; i++) {
      await page.frameLocator('iframe').nth(i).locator('svg.sequence').waitFor({ timeout: 20000 });
    }
    // Inside a frame, the share panel says what to do if downloads are blocked.
    const frame = page.frameLocator('iframe').nth(1);
    assert.match(await frame.locator('.in-frame').textContent(), /own tab/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    plain.server.close();
  }
});

test('the lesson follows the run: its numbers are the run\'s, and an edit that leaves its script says so', async () => {
  const { page, errors, context } = await open('?scenario=byte-counting');
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narrative'), /ack 2000/);
  await page.selectOption('.masthead select >> nth=1', 'relative');
  assert.match(await page.textContent('.narrative'), /ack 1001/, 'relative numbers in the text too');
  // The handshake with its SYN-ACK dropped: the lesson's later beats would
  // tell a run that did not happen.
  await page.goto(`${env.url}?scenario=handshake`);
  await page.waitForSelector('.event-log li[data-segment="1"] .toggle');
  await page.click('.event-log li[data-segment="1"] .toggle');
  // Keys go to the page, not to the button just pressed.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('End');
  const narrative = await page.textContent('.narrative');
  assert.match(narrative, /no longer the run this lesson tells/);
  assert.doesNotMatch(narrative, /5\/5/);
  assert.match(await page.textContent('.explanation'), /ESTABLISHED|receives/, 'the explanation, made from the trace, tells the moment');
  // Before the edit's first effect the lesson still speaks.
  await page.goto(`${env.url}?scenario=handshake&drop=s2c:1`);
  await page.waitForSelector('svg.sequence');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narrative .beat-no'), /2\/5/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in 中文 the diagram, the document and its names speak Chinese', async () => {
  const { page, errors, context } = await open('?scenario=closed-port&lang=zh');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.title(), /三次握手可视化/);
  assert.equal(await page.getAttribute('svg.sequence', 'aria-label'), '时序图');
  const marks = await page.locator('.stage text.mark').allTextContents();
  assert.ok(marks.includes('connect() 失败：ECONNREFUSED'), marks.join(' | '));
  const ticks = await page.locator('.stage text.tick').allTextContents();
  assert.ok(ticks.length > 0 && ticks.every((t) => /秒$/.test(t)), ticks.join(' | '));
  // A long wait's break, and a timer's name, in Chinese too.
  await page.goto(`${env.url}?scenario=four-way-close&lang=zh`);
  await page.waitForSelector('svg.sequence');
  await page.keyboard.press('End');
  assert.match(await page.locator('.stage .time-break text').first().textContent(), /秒后$/);
  assert.match(await page.locator('.timers title').last().textContent(), /TIME-WAIT计时器 · 60 秒/);
  // Switching back to English changes the document with it.
  await page.selectOption('#lang', 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('synack.svg writes the figure the page exports, and refuses what it does not know', async () => {
  const { page, errors, context } = await open('?scenario=handshake');
  const r = await page.evaluate(async () => {
    const en = synack.svg({ drop: [{ dir: 's2c', nth: 1 }] });
    // English is built in; Chinese is fetched on first use.
    let notYet = '';
    try { synack.svg({}, { lang: 'zh' }); } catch (e) { notYet = e.message; }
    await synack.loadLanguage('zh');
    const zh = synack.svg({}, { lang: 'zh', numbers: 'absolute' });
    let bad = '';
    try { synack.svg({}, { colour: 'red' }); } catch (e) { bad = e.message; }
    let badLang = '';
    try { synack.svg({}, { lang: 'fr' }); } catch (e) { badLang = e.message; }
    return { en, zh, bad, badLang, notYet };
  });
  assert.match(r.notYet, /options\.lang: the words of "zh" are not loaded yet: await synack\.loadLanguage\("zh"\) first/);
  assert.match(r.en, /^<\?xml/);
  assert.match(r.en, /\[Retransmission\] SYN seq=0/);
  assert.match(r.en, /url\(#head-c2s\)/);
  assert.match(r.zh, />客户端</);
  assert.doesNotMatch(r.zh, /seq=0 /, 'absolute numbers');
  assert.match(r.bad, /options\.colour: unknown option/);
  assert.match(r.badLang, /options\.lang: must be "en" or "zh"/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The pixels of a PNG screenshot (8-bit RGB or RGBA, as Chromium writes them). */
function pixels(png) {
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20), channels = png[25] === 6 ? 4 : 3;
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at), type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(chunks)), stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0, b = y ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      out[y * stride + x] = (line[x] + pred) & 255;
    }
  }
  return { width, height, channels, data: out };
}

test('the first frame is on show before the wasm arrives, and the app draws the same picture over it', async () => {
  for (const [query, viewport] of [
    ['', { width: 1280, height: 800 }],
    ['', { width: 390, height: 844 }],
    ['?lang=zh', { width: 1280, height: 800 }],
    ['?embed=1', { width: 640, height: 400 }],
  ]) {
    // Without the app (its loader never arrives): the first frame alone.
    const still = await newPage(env.browser, { viewport });
    await still.page.route('**/boot.js', (r) => r.abort());
    await still.page.goto(env.url + query);
    await still.page.waitForSelector('.first-frame');
    assert.notEqual(await still.page.getAttribute('.first-frame', 'inert'), null, 'nothing in it answers before the app');
    await still.page.waitForTimeout(300);
    const before = pixels(await still.page.screenshot({ fullPage: true }));
    await still.context.close();
    // With the app: the first frame is gone and every pixel is where it was.
    const { page, errors, context } = await newPage(env.browser, { viewport });
    await page.goto(env.url + query);
    await page.waitForFunction(() => !document.querySelector('#app template') && document.querySelector('.app .panels'));
    assert.equal(await page.locator('.first-frame').count(), 0);
    await page.waitForTimeout(300);
    const after = pixels(await page.screenshot({ fullPage: true }));
    const where = `${query || '/'} at ${viewport.width} px`;
    assert.deepEqual([after.width, after.height], [before.width, before.height], where);
    let differ = 0;
    for (let i = 0; i < before.data.length; i += before.channels) {
      if (before.data[i] !== after.data[i] || before.data[i + 1] !== after.data[i + 1] || before.data[i + 2] !== after.data[i + 2]) differ++;
    }
    // A glyph or two may be drawn a shade apart; a moved or missing part is thousands.
    assert.ok(differ < 200, `${where}: ${differ} pixels differ`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // Any other start shows no first frame rather than the wrong one.
  const other = await newPage(env.browser);
  await other.page.route('**/boot.js', (r) => r.abort());
  await other.page.goto(`${env.url}?scenario=syn-lost`);
  assert.equal(await other.page.locator('.first-frame').count(), 0);
  await other.context.close();
});

test('keys pressed while the first frame is on show are answered when the app arrives', async () => {
  const { page, errors, context } = await newPage(env.browser);
  // The app's loader arrives a second late: time to press keys first.
  await page.route('**/boot.js', async (r) => { await new Promise((done) => setTimeout(done, 1000)); await r.continue(); });
  // Not until the load event: by then the app may already have taken the
  // first frame's place (it starts sooner since the API's code comes later).
  await page.goto(env.url, { waitUntil: 'commit' });
  await page.waitForSelector('.first-frame');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.app .panels');
  await page.waitForFunction(() => /0\.050 s/.test(document.querySelector('.clock').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});
