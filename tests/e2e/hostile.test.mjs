// Hostile input, in one place (issue 13): what a careless student or a
// hostile course page can throw at synack, against the release build. No
// API call, link or file may panic, break the wasm instance, leak, or leave
// the page frozen; every refusal says what was wrong, in the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, newPage, artifacts, apiReady } from './harness.mjs';

const env = useBrowser();

async function open(query = '', contextOptions = {}) {
  const { page, errors, context } = await newPage(env.browser, contextOptions);
  await watchWasmMemory(context);
  await page.goto(env.url + query);
  await page.waitForSelector('svg.sequence');
  await apiReady(page);
  return { page, errors, context };
}

/**
 * Notes every WebAssembly memory the page's modules export, as they are
 * instantiated (the test's own watch, not a hook in the page). DevTools'
 * Runtime.queryObjects would find them without this, but it crashes
 * Chromium's renderer on a page whose module exports its function table,
 * as the page's split build does (README, "Parts fetched when used").
 */
async function watchWasmMemory(context) {
  await context.addInitScript(() => {
    const memories = new Set();
    const note = (result) => {
      const memory = (result.instance ?? result).exports?.memory;
      if (memory instanceof WebAssembly.Memory) memories.add(memory);
      return result;
    };
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) { return original.apply(this, args).then(note); };
    }
    Object.defineProperty(window, '__testWasmMemories', { value: memories });
  });
}

/** Bytes of every WebAssembly memory the page's modules made. */
async function wasmBytes(page) {
  const bytes = await page.evaluate(() => [...window.__testWasmMemories].reduce((n, m) => n + m.buffer.byteLength, 0));
  assert.ok(bytes > 0, 'no WebAssembly memory seen');
  return bytes;
}

/** DOM nodes and JS event listeners alive after a garbage collection. */
async function domCounters(context, page) {
  const cdp = await context.newCDPSession(page);
  // Nodes held by a dead wrapper go in a later collection than the wrapper.
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const counters = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return counters;
}

/** Drop files on the page, one after the other, as a user would. */
function dropFiles(page, files) {
  return page.evaluate((files) => {
    for (const [name, bytes] of files) {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name));
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** The message of what `f` throws, as a page's script sees it. */
const THROWN = 'window.thrown = (f) => { try { f(); return "no error"; } catch (e) { return (e instanceof Error ? "" : "not an Error: ") + e.message; } };';

test('configs that throw, ten thousand times, leave the API and the page working', async () => {
  const { page, errors, context } = await open();
  const messages = await page.evaluate(THROWN + `
    const revoked = Proxy.revocable({}, {}); revoked.revoke();
    const cases = [
      { get seed() { throw new Error('getter'); } },
      new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
      { c2s: new Proxy({}, { get() { throw 'a string'; }, ownKeys() { return ['delay_ms']; },
                             getOwnPropertyDescriptor() { return { enumerable: true, configurable: true }; } }) },
      { drop: revoked.proxy },
      revoked.proxy,
    ];
    const host = document.createElement('div');
    document.body.append(host);
    const app = synack.mount(host, null, { embed: true });
    const calls = [(c) => synack.simulate(c), (c) => synack.pcap(c), (c) => synack.svg(c),
                   (c) => app.setConfig(c), (c) => synack.mount(host, c)];
    const first = cases.map((c) => thrown(() => synack.simulate(c)));
    for (let i = 0; i < 10000; i++) thrown(() => calls[i % 5](cases[(i / 5 | 0) % 5]));
    app.destroy(); host.remove();
    first;
  `);
  assert.deepEqual(messages, [
    'seed: reading it threw: getter',
    'config: listing its keys threw: trap',
    'c2s.delay_ms: reading it threw: a string',
    // What the browser said, clipped.
    "drop: reading it threw: Cannot perform 'IsArray' on a proxy that…",
    "config: reading it threw: Cannot perform 'IsArray' on a proxy that…",
  ]);
  // The instance still answers, and the page still plays.
  assert.equal(await page.evaluate(() => synack.simulate({}).segments.length), 3);
  await page.selectOption('.speed select', '10');
  await page.click('.playback .play');
  await page.waitForFunction(() => /ESTABLISHED/.test(document.querySelector('.cards').textContent), null, { timeout: 20000 });
  assert.ok(!(await page.isVisible('#crash')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad config is refused with an Error naming the field, as the native command refuses it', async () => {
  const { page, errors, context } = await open();
  const bad = await page.evaluate(THROWN + `
    [
      { c2s: { delay_ms: -5 } }, { c2s: { delay_ms: 'abc' } }, { s2c: { loss: 2 } },
      { c2s: { jitter_ms: NaN } }, { drop: [{ dir: 'up', nth: 1 }] }, 'nonsense',
      { drop: [{ dir: 'c2s', nth: 1 }, { nth: 2, dir: 'up' }] }, { client: { keepalive: { idle_s: 'soon' } } },
      // Misspelt, and a struct given as an array.
      { c2s: { dealy_ms: 5 } }, { c2s: [5, 0, 0] },
      // A float where a whole number belongs, and a long value, echoed in part.
      { seed: 1.5 }, { c2s: { delay_ms: 'x'.repeat(10000000) } },
    ].map((c) => thrown(() => synack.simulate(c)))
  `);
  assert.match(bad[0], /^c2s\.delay_ms: must not be negative/);
  assert.match(bad[1], /^c2s\.delay_ms: invalid type/);
  assert.match(bad[2], /^s2c\.loss: must be a probability/);
  assert.match(bad[3], /^c2s\.jitter_ms/);
  assert.match(bad[4], /^drop\[0\]\.dir/);
  assert.match(bad[5], /^config: must be an object/);
  assert.match(bad[6], /^drop\[1\]\.dir: unknown variant `up`/);
  assert.match(bad[7], /^client\.keepalive\.idle_s: invalid type/);
  assert.match(bad[8], /^c2s\.dealy_ms: unknown field/);
  assert.match(bad[9], /^c2s: invalid type: an array/);
  assert.match(bad[10], /^seed: invalid type: number 1\.5/);
  assert.match(bad[11], /^c2s\.delay_ms: invalid type: string "x+…"/);
  assert.ok(bad[11].length < 200, `${bad[11].length} characters`);
  // Only the caller's own fields are read: not inherited ones, not the prototype's.
  const delays = await page.evaluate(() => {
    const oneWay = (t) => t.segments[0].arrive_us - t.segments[0].sent_us;
    const inherited = oneWay(synack.simulate(Object.create({ c2s: { delay_ms: 900 } })));
    Object.prototype.delay_ms = 999;
    let polluted;
    try { polluted = oneWay(synack.simulate({ c2s: {} })); } finally { delete Object.prototype.delay_ms; }
    return [inherited, polluted];
  });
  assert.deepEqual(delays, [50000, 50000]);
  // The largest seed is the native command's: 2^53.
  assert.equal(await page.evaluate(() => synack.simulate({ seed: 2 ** 53 }).segments.length), 3);
  assert.match(await page.evaluate(THROWN + 'thrown(() => synack.simulate({ seed: 2 ** 53 + 2 }))'), /^seed/);
  assert.equal(await page.locator('.event-log li').count(), 3);
  assert.ok(!(await page.isVisible('#crash')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('long lists are refused at their bound, before they are read', async () => {
  const { page, errors, context } = await open();
  const before = await wasmBytes(page);
  const refused = await page.evaluate(THROWN + `
    // Reading any element of these would throw or never end.
    const huge = new Array(10000000);
    Object.defineProperty(huge, 0, { get() { throw new Error('read'); } });
    const endless = { *[Symbol.iterator]() { for (;;) yield { dir: 'c2s', nth: 1 }; } };
    const lying = new Proxy([], { get(t, k) { return k === 'length' ? 2 ** 32 - 1 : undefined; } });
    [
      thrown(() => synack.simulate({ drop: huge })),
      thrown(() => synack.simulate({ drop: endless })),
      thrown(() => synack.simulate({ drop: lying })),
      thrown(() => synack.simulate({ inject: [{ at_ms: 1, dir: 'c2s', flags: new Array(5000).fill('SYN') }] })),
    ]
  `);
  assert.match(refused[0], /^drop: at most 1000 entries \(got 10000000\)/);
  assert.match(refused[1], /^drop: invalid type: an object, expected a sequence/);
  assert.match(refused[2], /^drop: at most 1000 entries \(got 4294967295\)/);
  assert.match(refused[3], /^inject\[0\]\.flags: at most 1000 entries/);
  const grown = (await wasmBytes(page)) - before;
  assert.ok(grown < 4 << 20, `wasm memory grew ${grown} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('mount and destroy, a thousand times, leave nothing behind', async () => {
  // A course page of its own: synack's module, and nothing mounted yet.
  const c = await newPage(env.browser);
  await watchWasmMemory(c.context);
  await c.page.goto(env.url + 'embed-example.html');
  await c.page.evaluate(async (base) => { await import(base + 'boot.js'); }, env.url);
  await c.page.waitForFunction(() => window.synack && window.synack.mount);
  const cycles = (n) => c.page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const el = document.createElement('div');
      document.body.append(el);
      const app = synack.mount(el, { drop: [{ dir: 's2c', nth: 1 }] }, { embed: true });
      // Let it draw now and then, as a page would.
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
      app.destroy();
      el.remove();
    }
    await new Promise((r) => setTimeout(r, 100));
  }, n);
  await cycles(20);
  const [memory, counters] = [await wasmBytes(c.page), await domCounters(c.context, c.page)];
  await cycles(1000);
  const [memoryAfter, countersAfter] = [await wasmBytes(c.page), await domCounters(c.context, c.page)];
  // Before pooling, each cycle kept its element, 8 listeners and ~90 KB.
  assert.ok(countersAfter.nodes <= counters.nodes + 50, `${counters.nodes} → ${countersAfter.nodes} nodes`);
  assert.ok(countersAfter.jsEventListeners <= counters.jsEventListeners + 8,
    `${counters.jsEventListeners} → ${countersAfter.jsEventListeners} listeners`);
  assert.ok(memoryAfter - memory < 2 << 20, `wasm memory ${memory} → ${memoryAfter}`);
  // And a mount after all that works, its handle too.
  const segments = await c.page.evaluate(async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const app = synack.mount(el, { drop: [{ dir: 's2c', nth: 1 }] }, { embed: true });
    await new Promise((r) => setTimeout(r, 100));
    return app.trace().segments.length;
  });
  assert.equal(segments, 5);
  assert.deepEqual(c.errors, []);
  await c.context.close();
});

test('a panic shows the crash banner, with a way to reload', async () => {
  // No input reaches a panic any more; a page that alters synack's own
  // elements under it still can (yew panics when a node it placed is gone).
  const { page, context } = await open();
  await page.route('**/i18n/zh.txt', (r) => r.abort());
  await page.evaluate(() => document.querySelector('.playback').remove());
  await page.selectOption('#lang', 'zh');
  await page.waitForSelector('#crash:not([hidden])');
  const banner = await page.textContent('#crash');
  assert.match(banner, /^synack crashed: panicked at .*The page has stopped working/s);
  assert.equal(await page.getAttribute('#crash a', 'href'), '');
  assert.match(await page.textContent('#crash a'), /Reload/);
  await context.close();
});

test('the biggest run the limits allow is cut short, says so, and exports or says why not', async () => {
  const { page, errors, context } = await open('', { acceptDownloads: true });
  const ka = { idle_s: 1, interval_s: 1, probes: 9 };
  const config = { client: { keepalive: ka }, server: { keepalive: ka }, duration_ms: 864000000, max_events: 1000000 };
  const api = await page.evaluate((config) => {
    const t = synack.simulate(config);
    return { segments: t.segments.length, truncated: t.truncated, json: JSON.stringify(t).length, svg: synack.svg(config).length, pcap: synack.pcap(config).length };
  }, config);
  assert.deepEqual([api.segments, api.truncated], [5000, true]);
  assert.ok(api.svg < 4e6, `SVG of ${api.svg} bytes`);
  assert.ok(api.json > 0 && api.pcap > 0);
  // Shown in the page (a course page's mount, with the page's style).
  await page.evaluate((config) => {
    const el = document.createElement('div');
    el.id = 'big';
    document.body.prepend(el);
    window.big = synack.mount(el, config, { lang: 'en' });
  }, config);
  const big = page.locator('#big');
  await big.locator('.run-cut').waitFor();
  assert.match(await big.locator('.run-cut').textContent(), /cut short: synack stops a run at 5,000 segments/);
  await page.evaluate(() => window.big.seek(1e9));
  await page.waitForFunction(() => /Keep-Alive/.test(document.querySelector('#big .event-log').textContent));
  // A PNG 150,000 px tall cannot be drawn: the panel says so and offers the SVG.
  await big.locator('.download-png').click();
  await big.locator('.share .field-error, .share [role=alert]').first().waitFor();
  assert.match(await big.locator('.share').textContent(), /PNG [\d,]+ pixels tall, more than a browser can draw.*download the SVG instead/);
  const [download] = await Promise.all([page.waitForEvent('download'), big.locator('.download-svg').click()]);
  const file = path.join(artifacts, 'biggest-run.svg');
  await download.saveAs(file);
  assert.ok(fs.statSync(file).size < 4e6);
  assert.ok(!(await page.isVisible('#crash')));
  assert.deepEqual(errors, []);
  await context.close();
});

/** Pcaps made in the page with synack.pcap, and files altered the way real and crafted ones differ. */
async function files(page) {
  const b = await page.evaluate(() => {
    const lossy = synack.pcap({ drop: [{ dir: 's2c', nth: 1 }], client: { data: 2000 } }, { capture: 'client' });
    const plain = synack.pcap({}, { capture: 'server' });
    const records = (bytes, f) => {
      const dv = new DataView(bytes.buffer);
      for (let off = 24; off + 16 <= bytes.length; off += 16 + dv.getUint32(off + 8, true)) f(dv, off);
      return bytes;
    };
    // A second connection: the same run from client port 50001.
    const other = records(plain.slice(), (dv, off) => {
      for (const at of [off + 36, off + 38]) if (dv.getUint16(at) === 50000) dv.setUint16(at, 50001);
    });
    const two = new Uint8Array(lossy.length + other.length - 24);
    two.set(lossy);
    two.set(other.subarray(24), lossy.length);
    // Not TCP: every packet's IP protocol byte says UDP.
    const udp = records(plain.slice(), (dv, off) => dv.setUint8(off + 16 + 9, 17));
    // Complete, but its headers understate: snap length 0, original lengths halved.
    const understated = records(plain.slice(), (dv, off) => dv.setUint32(off + 12, dv.getUint32(off + 8, true) >> 1, true));
    new DataView(understated.buffer).setUint32(16, 0, true);
    // pcapng: a packet that claims 0xFFFFFFFD bytes (wrapped a 32-bit bounds check).
    const words = [0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0xFFFFFFFF, 0xFFFFFFFF, 28, 1, 20, 1, 0, 20, 6, 32, 0, 0, 0, 0xFFFFFFFD, 0, 32];
    const claim = new Uint8Array(words.length * 4);
    words.forEach((w, i) => new DataView(claim.buffer).setUint32(i * 4, w, true));
    return { two: [...two], udp: [...udp], cut: [...plain.subarray(0, 30)], understated: [...understated], claim: [...claim] };
  });
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Buffer.from(v)]));
}

/** A raw-IPv4 pcap (link type 101) of `n` SYNs with no options, one connection each. */
function synScan(n, extra = []) {
  const out = Buffer.alloc(24 + (n + extra.length) * 56);
  out.writeUInt32LE(0xa1b2c3d4, 0); out.writeUInt16LE(2, 4); out.writeUInt16LE(4, 6);
  out.writeUInt32LE(65535, 16); out.writeUInt32LE(101, 20);
  let off = 24;
  const packet = (i, src, sport, flags) => {
    out.writeUInt32LE(i, off); out.writeUInt32LE(40, off + 8); out.writeUInt32LE(40, off + 12);
    const ip = off + 16;
    Buffer.from([0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, src >> 8, src & 255, 10, 0, 0, 2]).copy(out, ip);
    out.writeUInt16BE(sport, ip + 20); out.writeUInt16BE(80, ip + 22); out.writeUInt32BE(i, ip + 24);
    out[ip + 32] = 0x50; out[ip + 33] = flags; out.writeUInt16BE(65535, ip + 34);
    off += 56;
  };
  for (let i = 0; i < n; i++) packet(i, 1 + Math.floor(i / 60000), 1024 + (i % 60000), 0x02);
  extra.forEach(([sport, flags], j) => packet(n + j, 1, sport, flags));
  return out;
}

test('bad capture files get a clear message in the reader\'s language, and the page lives on', async () => {
  const { page, errors, context } = await open();
  const f = await files(page);
  const tryFile = async (name, buffer) => {
    await page.setInputFiles('.open-capture input', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForSelector('.capture-bar .field-error');
    return page.textContent('.capture-bar .field-error');
  };
  assert.match(await tryFile('notes.txt', Buffer.from('hello, world')), /notes\.txt: this is not a pcap or pcapng capture file/);
  assert.match(await tryFile('empty.pcap', Buffer.alloc(0)), /the file is empty/);
  assert.match(await tryFile('dns.pcap', f.udp), /holds 3 packets but no TCP segments/);
  assert.match(await tryFile('cut.pcap', f.cut), /damaged/);
  // 4 GB claimed by one packet: refused as damaged, not "unreachable".
  const claim = await tryFile('claim.pcapng', f.claim);
  assert.match(claim, /claim\.pcapng/);
  assert.doesNotMatch(claim, /unreachable|panicked|RuntimeError/);
  // A huge file is refused before it is read; one byte over is told exactly.
  const refuse = (name, bytes) => page.evaluate(async ([name, bytes]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 300));
    return document.querySelector('.capture-bar .field-error')?.textContent;
  }, [name, bytes]);
  assert.match(await refuse('huge.pcap', 120 * 1024 * 1024), /huge\.pcap: the file is 125,829,120 bytes; synack opens captures of up to 67,108,864 bytes/);
  assert.match(await refuse('over.pcap', 64 * 1024 * 1024 + 1), /the file is 67,108,865 bytes; synack opens captures of up to 67,108,864 bytes/);
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => /无法打开 over\.pcap：文件有 67,108,865 字节/.test(document.querySelector('.capture-bar .field-error')?.textContent));
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('.app').lang === 'en');
  // The page still plays.
  await page.click('.playback .play');
  await page.waitForFunction(() => /ESTABLISHED/.test(document.querySelector('.cards').textContent), null, { timeout: 20000 });
  // A complete file whose headers understate opens whole, with no "ends inside a packet".
  await dropFiles(page, [['understated.pcap', [...f.understated]]]);
  await page.waitForFunction(() => /understated\.pcap/.test(document.querySelector('.capture-bar.imported')?.textContent));
  assert.doesNotMatch(await page.textContent('.capture-bar'), /ends inside a packet/);
  assert.equal(await page.locator('.event-log li').count(), 3);
  // Two files dropped one after the other: the last one dropped is shown,
  // though the first, far bigger, is read after it.
  await page.evaluate(async (bytes) => {
    const small = new Uint8Array(bytes);
    const records = small.subarray(24);
    const big = new Uint8Array(24 + records.length * 4000);
    big.set(small.subarray(0, 24));
    for (let i = 0; i < 4000; i++) big.set(records, 24 + i * records.length);
    for (const file of [new File([big], 'slow.pcap'), new File([small], 'last.pcap')]) {
      const dt = new DataTransfer();
      dt.items.add(file);
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
    await new Promise((r) => setTimeout(r, 3000));
  }, [...f.two]);
  assert.match(await page.textContent('.capture-bar'), /last\.pcap/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a capture of thousands of connections opens, and its picker lists and filters them', async () => {
  const { page, errors, context } = await open();
  // 5,000 SYNs to port 80 from as many source ports (a port scan's shape);
  // the last connection has three packets, and one has 5,001 (cut at 5,000).
  const scan = synScan(5000, [[6023, 0x10], [6023, 0x18], ...Array.from({ length: 5001 }, () => [7000, 0x10])]);
  await page.setInputFiles('.open-capture input', { name: 'scan.pcap', mimeType: 'application/octet-stream', buffer: scan });
  await page.waitForSelector('.capture-bar.imported');
  const options = () => page.$$eval('#stream option', (os) => os.map((o) => o.textContent));
  let listed = await options();
  assert.ok(listed.length <= 201, `${listed.length} listed`);
  assert.equal(listed[0], '10.0.0.1:7000 → 10.0.0.2:80 (5,001 segments)', 'most packets first');
  assert.match(listed.join('\n'), /10\.0\.0\.1:6023 → 10\.0\.0\.2:80 \(3 segments\)/);
  assert.match(await page.textContent('.capture-bar'), /of 5,001 matching, 5,001 in all/);
  // The biggest, on show, is cut at 5,000 packets, and the page says so.
  await page.selectOption('#stream', { label: listed[0] });
  assert.match(await page.textContent('.capture-bar'), /only its first 5,000 packets are drawn; 1 more are not/);
  // A SYN with no options is logged with none (not Linux's sackOK,TS).
  await page.fill('.stream-filter', ':4321 ');
  await page.waitForFunction(() => document.querySelectorAll('#stream option').length <= 3);
  listed = await options();
  const scanned = await page.$eval('#stream', (s) => [...s.options].find((o) => o.textContent.startsWith('10.0.0.1:4321 →'))?.value);
  assert.ok(scanned, listed.join('; '));
  await page.selectOption('#stream', scanned);
  await page.waitForFunction(() => /10\.0\.0\.1:4321/.test(document.querySelector('.event-log').textContent) || /Flags \[S\]/.test(document.querySelector('.event-log').textContent));
  const line = await page.textContent('.event-log li');
  assert.match(line, /Flags \[S\], seq \d+, win 65535, length 0/);
  assert.doesNotMatch(line, /sackOK|TS val|options/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a capture of 1,100,000 connections is read while the page stays live, shows how far, and Stop stops it', async () => {
  const { page, errors, context } = await open();
  const scan = synScan(1100000);
  fs.writeFileSync(path.join(artifacts, 'flood.pcap'), scan);
  // Watched from inside the page, not by round trips from here, which a
  // busy machine makes slow enough for the worker to finish first.
  await page.evaluate(() => { window.watching = new Promise((resolve) => {
    const values = [];
    let text = '';
    const frame = () => {
      const reading = document.querySelector('.reading');
      const v = reading?.querySelector('progress')?.value;
      if (!reading) return resolve({ values, text, stopped: false });
      if (v > 0 && v !== values[values.length - 1]) values.push(v);
      // Once shown (style.css lets 0.4 s pass) and seen moving: Stop.
      if (values.length >= 2 && getComputedStyle(reading).visibility === 'visible') {
        text = reading.textContent;
        reading.querySelector('button').click();
        return resolve({ values, text, stopped: true });
      }
      requestAnimationFrame(frame);
    };
    new MutationObserver((_, o) => { if (document.querySelector('.reading')) { o.disconnect(); frame(); } })
      .observe(document.body, { subtree: true, childList: true });
  }); });
  await page.setInputFiles('.open-capture input', path.join(artifacts, 'flood.pcap'));
  // The page paints while the worker reads: the bar moves between frames.
  const seen = await page.evaluate(() => window.watching);
  assert.ok(seen.stopped, `read to the end before it could be stopped; progress ${seen.values}`);
  assert.ok(seen.values[1] > seen.values[0], `progress ${seen.values}`);
  assert.match(seen.text, /Reading flood\.pcap…/);
  await page.waitForSelector('.reading', { state: 'detached', timeout: 1000 });
  // Stopped: nothing opens, and nothing is said to have gone wrong.
  await page.waitForTimeout(2000);
  assert.equal(await page.locator('.capture-bar.imported').count(), 0);
  assert.equal(await page.locator('.capture-bar .field-error').count(), 0);
  // Read to the end, it opens with every connection counted.
  await page.setInputFiles('.open-capture input', path.join(artifacts, 'flood.pcap'));
  await page.waitForSelector('.capture-bar.imported', { timeout: 60000 });
  assert.match(await page.textContent('.capture-bar'), /1,100,000 in all/);
  fs.rmSync(path.join(artifacts, 'flood.pcap'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a crafted link gives notices that isolate and clip what they echo, and defaults', async () => {
  const { page, errors, context } = await open(`?%E2%80%AEevil=1&seed=${'9'.repeat(8000)}&scenario=nope&lang=fr`);
  await page.waitForSelector('.notice');
  const notice = await page.textContent('.notice');
  assert.ok(notice.includes('Unknown parameter “\u2068\u202Eevil\u2069” ignored.'), notice);
  assert.match(notice, /Ignored seed=9{40}…: expected a whole number from 0 to 9007199254740992/);
  assert.match(notice, /Ignored scenario=nope: expected a scenario name/);
  assert.match(notice, /Ignored lang=fr: expected en or zh/);
  assert.ok(notice.length < 800, `${notice.length} characters`);
  assert.equal(await page.$eval('#scenario', (s) => s.value), 'handshake');
  assert.deepEqual(errors, []);
  await context.close();
});

test('form fields refuse what they cannot take, in the page\'s language, and keep the last valid run', async () => {
  const { page, errors, context } = await open('?lang=zh');
  const refuse = async (id, text) => {
    await page.fill(`#${id}`, text);
    const msg = await page.textContent(`#${id} ~ .field-error`);
    await page.fill(`#${id}`, id === 'seed' ? '1' : '0');
    return msg;
  };
  assert.match(await refuse('c2s-delay', '-5'), /^必须在 0 到 60000 之间 · /);
  assert.match(await refuse('c2s-jitter', 'abc'), /^“abc” 不是数字 · /);
  assert.match(await refuse('seed', '1.5'), /^必须是 0 到 9007199254740992 之间的整数 · /);
  assert.equal(await page.locator('.event-log li').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});
