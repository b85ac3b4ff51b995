// End-to-end: a student opens a real capture (picker or drag and drop), picks
// a connection and watches it. The captures are made in the page with
// synack.pcap. Bad, crafted and huge files: hostile.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, newPage, artifacts, apiReady } from './harness.mjs';

const env = useBrowser();

async function open() {
  const { page, errors, context } = await newPage(env.browser);
  await page.goto(env.url);
  await page.waitForSelector('svg.sequence');
  await apiReady(page);
  return { page, errors, context };
}

/** Bytes made in the page: a pcap of two simulated connections. */
async function files(page) {
  const b = await page.evaluate(() => {
    const lossy = synack.pcap({ drop: [{ dir: 's2c', nth: 1 }], client: { data: 2000 } }, { capture: 'client' });
    const plain = synack.pcap({}, { capture: 'server' });
    // A second connection: the same run from client port 50001.
    const other = plain.slice();
    for (let off = 24; off + 16 <= other.length;) {
      const len = new DataView(other.buffer).getUint32(off + 8, true);
      const ip = off + 16;
      const dv = new DataView(other.buffer);
      if (dv.getUint16(ip + 20) === 50000) dv.setUint16(ip + 20, 50001);
      if (dv.getUint16(ip + 22) === 50000) dv.setUint16(ip + 22, 50001);
      off = ip + len;
    }
    const two = new Uint8Array(lossy.length + other.length - 24);
    two.set(lossy);
    two.set(other.subarray(24), lossy.length);
    return { two: [...two] };
  });
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Buffer.from(v)]));
}

test('a capture opens from the picker: pick the connection, watch it, go back', async () => {
  const { page, errors, context } = await open();
  const f = await files(page);
  await page.setInputFiles('.open-capture input', { name: 'two.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: f.two });
  await page.waitForSelector('.capture-bar.imported');
  assert.match(await page.textContent('.capture-bar'), /two\.pcap/);
  const options = await page.$$eval('#stream option', (os) => os.map((o) => o.textContent));
  assert.equal(options.length, 2, options.join('\n'));
  assert.match(options[0], /192\.0\.2\.1:50000 → 198\.51\.100\.1:80/);
  assert.match(options[1], /192\.0\.2\.1:50001/);
  assert.match(await page.textContent('.capture-bar'), /captured at the client; one-way delay about/);
  // The lossy client-side capture: its retransmitted SYN, as the log shows it.
  await page.selectOption('.speed select', '10');
  await page.click('.playback .play');
  await page.waitForFunction(() => document.querySelector('.playback .play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 20000 });
  const log = await page.textContent('.event-log');
  assert.match(log, /1\.000000 client > server: Flags \[S\], seq 0/);
  assert.match(log, /\[Retransmission\]/, 'tagged as Wireshark would');
  assert.ok((await page.locator('svg.sequence line.segment').count()) >= 4);
  assert.equal(await page.locator('#c2s-delay').count(), 0, 'a capture has no network controls');
  await page.screenshot({ path: path.join(artifacts, 'capture-imported.png') });
  // The other connection.
  await page.selectOption('#stream', '1');
  await page.waitForFunction(() => !/1\.000000 client/.test(document.querySelector('.event-log').textContent));
  // The header inspector shows the header as captured: this connection's port.
  await page.click('.event-log li[data-segment="0"] .line');
  assert.match(await page.textContent('.inspector'), /50001/);
  // Back to the simulation.
  await page.click('.close-capture');
  assert.equal(await page.locator('.capture-bar.imported').count(), 0);
  assert.equal(await page.$eval('#scenario', (s) => s.value), 'handshake', 'back to the lesson');
  assert.equal(await page.inputValue('#c2s-delay'), '50');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a real Linux loopback capture plays as it is: its order, its times, no invented delay or delivery', async () => {
  const { page, errors, context } = await open();
  const fixture = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/linux-syn-ack-lost.pcap');
  await page.setInputFiles('.open-capture input', fixture);
  await page.waitForSelector('.capture-bar.imported');
  assert.match(await page.textContent('.capture-bar'), /loopback: both ends are on this host/);
  await page.keyboard.press('End');
  // The log shows the file's own timestamps, in the file's order.
  const lines = await page.$$eval('.event-log li[data-segment] code', (cs) => cs.map((c) => c.textContent));
  assert.match(lines[0], /^#1 \d\d:\d\d:\d\d\.\d{6} client > server: Flags \[S\]/);
  assert.match(lines[1], /^#2 \d\d:\d\d:\d\d\.\d{6} server > client: Flags \[S\.\]/);
  // The SYN-ACK dropped at the client's input: the capture cannot show it arrived.
  assert.match(await page.textContent('.event-log li[data-segment="1"]'), /not seen to arrive/);
  assert.equal(await page.locator('.stage line.segment.unknown[data-segment="1"]').count(), 1);
  // A capture is what happened: nothing to drop.
  assert.equal(await page.locator('.event-log .toggle').count(), 0);
  // Loopback: every arrow arrives in the row it leaves (microseconds).
  const flat = await page.$$eval('.stage line.segment:not(.unknown)', (ls) => ls.every((l) => l.getAttribute('y1') === l.getAttribute('y2')));
  assert.ok(flat);
  await page.screenshot({ path: path.join(artifacts, 'linux-capture.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
