// End-to-end: a student opens a real capture (picker or drag and drop), picks
// a connection and watches it; bad files give a clear message and the page
// lives on. The captures are made in the page with synack.pcap, then altered
// byte by byte the way real files differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, newPage, artifacts } from './harness.mjs';

const env = useBrowser();

async function open() {
  const { page, errors, context } = await newPage(env.browser);
  await page.goto(env.url);
  await page.waitForSelector('svg.sequence');
  return { page, errors, context };
}

/** Bytes made in the page: pcaps of simulated runs, and damaged variants. */
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
    // Not TCP: every packet's IP protocol byte says UDP.
    const udp = plain.slice();
    for (let off = 24; off + 16 <= udp.length;) {
      const len = new DataView(udp.buffer).getUint32(off + 8, true);
      udp[off + 16 + 9] = 17;
      off += 16 + len;
    }
    return { two: [...two], udp: [...udp], cut: [...plain.subarray(0, 30)] };
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

test('bad files get a clear message and the page lives on; drag and drop works', async () => {
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
  // A huge file is refused before it is read, by dropping it on the page.
  const msg = await page.evaluate(async () => {
    const huge = new File([new Uint8Array(120 * 1024 * 1024)], 'huge.pcap');
    const dt = new DataTransfer();
    dt.items.add(huge);
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 300));
    return document.querySelector('.capture-bar .field-error')?.textContent;
  });
  assert.match(msg, /huge\.pcap: the file is 125,829,120 bytes; synack opens captures of up to 67,108,864 bytes/);
  // One byte over is told exactly, and in the reader's language.
  const over = await page.evaluate(async () => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(64 * 1024 * 1024 + 1)], 'over.pcap'));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 300));
    return document.querySelector('.capture-bar .field-error')?.textContent;
  });
  assert.match(over, /the file is 67,108,865 bytes; synack opens captures of up to 67,108,864 bytes/);
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => /无法打开 over\.pcap：文件有 67,108,865 字节/.test(document.querySelector('.capture-bar .field-error')?.textContent));
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('.app').lang === 'en');
  // The page still works: play the handshake.
  await page.click('.playback .play');
  await page.waitForFunction(() => /ESTABLISHED/.test(document.querySelector('.cards').textContent), null, { timeout: 20000 });
  // And a good file dropped on the page opens.
  await page.evaluate(async (bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.pcap'));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...f.two]);
  await page.waitForSelector('.capture-bar.imported');
  assert.match(await page.textContent('.capture-bar'), /dropped\.pcap/);
  // Two files dropped one after the other: the last one dropped is shown,
  // though the first, far bigger, is read after it.
  await page.evaluate(async (bytes) => {
    const small = new Uint8Array(bytes);
    const records = small.subarray(24);
    const big = new Uint8Array(24 + records.length * 4000);
    big.set(small.subarray(0, 24));
    for (let i = 0; i < 4000; i++) big.set(records, 24 + i * records.length);
    const drop = (file) => {
      const dt = new DataTransfer();
      dt.items.add(file);
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    };
    drop(new File([big], 'slow.pcap'));
    drop(new File([small], 'last.pcap'));
    await new Promise((r) => setTimeout(r, 3000));
  }, [...f.two]);
  assert.match(await page.textContent('.capture-bar'), /last\.pcap/);
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

test('a capture of thousands of connections opens at once and its picker lists and filters them', async () => {
  const { page, errors, context } = await open();
  // 5,000 SYNs to port 80 from as many source ports (a port scan's shape),
  // the last connection with three packets. Raw IPv4 (link type 101).
  const bytes = await page.evaluate(() => {
    const n = 5000;
    const out = new Uint8Array(24 + (n + 2) * 56);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, 0xa1b2c3d4, true); dv.setUint16(4, 2, true); dv.setUint16(6, 4, true);
    dv.setUint32(16, 65535, true); dv.setUint32(20, 101, true);
    let off = 24;
    const packet = (i, sport, flags) => {
      dv.setUint32(off, i, true); dv.setUint32(off + 8, 40, true); dv.setUint32(off + 12, 40, true);
      const ip = off + 16;
      out.set([0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], ip);
      dv.setUint16(ip + 20, sport); dv.setUint16(ip + 22, 80); dv.setUint32(ip + 24, i);
      out[ip + 32] = 0x50; out[ip + 33] = flags; dv.setUint16(ip + 34, 65535);
      off += 56;
    };
    for (let i = 0; i < n; i++) packet(i, 1024 + i, 0x02);
    packet(n, 1024 + n - 1, 0x10);
    packet(n + 1, 1024 + n - 1, 0x18);
    return [...out];
  });
  const start = Date.now();
  await page.setInputFiles('.open-capture input', { name: 'scan.pcap', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.waitForSelector('.capture-bar.imported');
  assert.ok(Date.now() - start < 10000, 'listed within seconds');
  const options = () => page.$$eval('#stream option', (os) => os.map((o) => o.textContent));
  let listed = await options();
  assert.ok(listed.length <= 201, `${listed.length} listed`);
  assert.match(listed.join('\n'), /10\.0\.0\.1:6023 → 10\.0\.0\.2:80 \(3 segments\)/, 'most packets first');
  assert.match(await page.textContent('.capture-bar'), /of 5,000 matching, 5,000 in all/);
  await page.fill('.stream-filter', ':4321 ');
  await page.waitForFunction(() => document.querySelectorAll('#stream option').length <= 3);
  listed = await options();
  assert.ok(listed.some((o) => o.startsWith('10.0.0.1:4321 →')), listed.join('; '));
  assert.deepEqual(errors, []);
  await context.close();
});
