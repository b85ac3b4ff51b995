// End-to-end: synack on a course page. The example page embeds three
// instances in <iframe sandbox="allow-scripts">, served from a sub-folder
// under a strict Content-Security-Policy; a page script mounts one with the
// JavaScript API; links round-trip; exports download; the page works offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { useBrowser, newPage, artifacts, apiReady } from './harness.mjs';

// What docs/embed.md tells a course site to send. CORS: a sandboxed iframe
// has an opaque origin, so its module script and wasm are cross-origin fetches.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
const env = useBrowser({ prefix: '/courses/networks/synack/', headers: { 'content-security-policy': CSP, 'access-control-allow-origin': '*' } });

async function open(pathAndQuery, viewport = { width: 1280, height: 800 }) {
  const { page, errors, context } = await newPage(env.browser, { viewport, acceptDownloads: true });
  const requests = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(env.url + pathAndQuery);
  return { page, errors, requests, context };
}

test('the example course page embeds three sandboxed instances under a strict CSP', async () => {
  const { page, errors, requests, context } = await open('embed-example.html', { width: 760, height: 1400 });
  const frames = page.locator('iframe');
  assert.equal(await frames.count(), 3);
  for (const sandbox of await frames.evaluateAll((fs) => fs.map((f) => f.getAttribute('sandbox')))) {
    assert.equal(sandbox, 'allow-scripts allow-same-origin allow-downloads allow-popups');
  }
  // Each instance renders its diagram inside its 640x400 frame.
  const inside = [];
  for (let i = 0; i < 3; i++) {
    const frame = page.frameLocator('iframe').nth(i);
    await frame.locator('svg.sequence').waitFor({ timeout: 20000 });
    inside.push(frame);
  }
  // Styled: the stylesheet loaded inside the sandbox.
  assert.equal(await inside[1].locator('.app.embed .workspace').evaluate((el) => getComputedStyle(el).display), 'grid');
  // 1: Chinese, autoplaying, no panels.
  await inside[0].locator('svg.sequence line.segment').first().waitFor({ timeout: 20000 });
  assert.equal(await inside[0].locator('aside.panels').count(), 0);
  assert.equal(await inside[0].locator('.masthead').count(), 0, 'embeds have no masthead');
  assert.match(await inside[0].locator('.app.embed').getAttribute('lang'), /zh/);
  // 2: English, absolute numbers, the playhead at 1 s, no controls.
  assert.match(await inside[1].locator('.clock').textContent(), /1\.000 s/);
  assert.equal(await inside[1].locator('#c2s-delay').count(), 0, 'controls hidden');
  assert.ok((await inside[1].locator('.event-log').count()) === 1, 'other panels shown');
  // 3: the quiz, with the slower link.
  assert.equal(await inside[2].locator('#quiz').count(), 0);
  assert.ok(await inside[2].locator('.app.embed').count());
  // Everything fits its frame's width: no horizontal scrolling inside.
  const fits = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.clientWidth));
  assert.deepEqual(fits, [640, 640, 640]);
  await page.locator('iframe').nth(2).scrollIntoViewIfNeeded();
  await inside[2].locator('.quiz').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'embed-example.png'), fullPage: true });
  // Only its own static files were fetched, all from the course folder,
  // and not the capture reader: nobody opened a capture.
  for (const r of requests) assert.ok(r.startsWith(env.url), `unexpected request ${r}`);
  assert.ok(requests.some((r) => r.endsWith('synack-app_bg.wasm')));
  assert.ok(!requests.some((r) => r.includes('synack-capture')), 'the capture reader loads on demand');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in a sandboxed frame under the strict CSP, the lesson and, when a file is opened, the capture reader load from the course folder', async () => {
  const { page, errors, requests, context } = await open('index.html');
  await page.waitForSelector('svg.sequence');
  await apiReady(page);
  const pcap = Buffer.from(await page.evaluate(() => [...synack.pcap({}, { capture: 'wire' })]));
  // The same page in <iframe sandbox="allow-scripts">: an opaque origin, so
  // the reader's module and wasm are cross-origin fetches under that CSP.
  await page.setContent(`<iframe sandbox="allow-scripts" src="${env.url}index.html" width="1000" height="700"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('svg.sequence').waitFor({ timeout: 20000 });
  // The lesson's text is fetched from the course folder too.
  await frame.locator('.narrative .beat-no').waitFor({ timeout: 20000 });
  await frame.locator('.open-capture input').setInputFiles({ name: 'wire.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: pcap });
  await frame.locator('.capture-bar.imported').waitFor({ timeout: 20000 });
  assert.match(await frame.locator('.capture-bar').textContent(), /wire\.pcap/);
  assert.match(await frame.locator('#stream option').first().textContent(), /192\.0\.2\.1:50000 → 198\.51\.100\.1:80/);
  assert.ok(requests.includes(`${env.url}synack-capture_bg.wasm`), requests.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embed alone at 640x400 shows the diagram and playback without scrolling the page', async () => {
  const { page, errors, context } = await open('index.html?scenario=syn-ack-lost&embed=1&panels=0', { width: 640, height: 400 });
  await page.waitForSelector('svg.sequence');
  const box = await page.locator('.diagram-scroll').boundingBox();
  assert.ok(box.y + 120 < 400, `the diagram starts within the frame (y=${box.y})`);
  assert.ok(await page.locator('.playback .play').isVisible());
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll (${width})`);
  await page.screenshot({ path: path.join(artifacts, 'embed-640x400.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy link round-trips every setting; bad parameters give notices', async () => {
  const q = 'scenario=syn-lost&lang=zh&seed=7&c2s_delay=80&s2c_jitter=3&c2s_loss=10&drop=c2s:1,s2c:2&timers=rfc&numbers=absolute&t=1.08&speed=25';
  const { page, errors, context } = await open(`index.html?${q}`);
  await page.waitForSelector('svg.sequence');
  assert.equal(await page.inputValue('#c2s-delay'), '80');
  assert.equal(await page.inputValue('#seed'), '7');
  assert.equal(await page.$eval('.speed select', (s) => s.value), '25');
  assert.match(await page.textContent('.clock'), /1\.080 秒/, 'the clock speaks the page\'s language');
  const clockBefore = await page.textContent('.clock');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The clipboard answers only a focused document.
  await page.bringToFront();
  await page.click('.copy-link');
  await page.waitForFunction(() => document.querySelector('.share .hint')?.textContent);
  assert.equal(await page.textContent('.share .hint'), '已复制到剪贴板。', 'the clipboard took it (the page is in Chinese)');
  const link = await page.inputValue('textarea.copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, link);
  const params = new URL(link).searchParams;
  for (const [k, v] of new URLSearchParams(q)) assert.equal(params.get(k), v, `${k} in ${link}`);
  // Opening the link shows the same run at the same moment.
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector('svg.sequence');
  assert.equal(await again.textContent('.clock'), clockBefore);
  assert.equal(await again.textContent('.event-log'), await page.textContent('.event-log'));
  // The embed code is an iframe of the same view in embed mode.
  await page.click('.copy-embed');
  await page.waitForFunction(() => document.querySelector('textarea.copied').value.startsWith('<iframe'));
  const code = await page.inputValue('textarea.copied');
  assert.match(code, /^<iframe src="[^"]+embed=1[^"]*" width="640" height="400" .*sandbox="allow-scripts allow-same-origin allow-downloads allow-popups"/);
  // Bad and unknown parameters: a notice, the defaults, never a blank page.
  await again.goto(`${env.url}index.html?c2s_delay=abc&colour=red&t=-4`);
  await again.waitForSelector('.notice');
  const notice = await again.textContent('.notice');
  assert.match(notice, /c2s_delay=abc/);
  assert.match(notice, /colour/);
  assert.match(notice, /t=-4/);
  assert.equal(await again.inputValue('#c2s-delay'), '50');
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports download a pcap that tshark reads, an SVG, a PNG and the JSON trace', async () => {
  const { page, errors, context } = await open('index.html?scenario=syn-ack-lost');
  await page.waitForSelector('svg.sequence');
  // In two full runs out of about ten, on the loaded 2-core VM, the first
  // click's download never reached Playwright (no error on the page; not
  // reproduced alone or under CPU load). One more click tells a lost event
  // from a button that does nothing, which still fails, with the panel's text.
  const save = async (selector) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(selector)]);
        const file = path.join(artifacts, download.suggestedFilename());
        await download.saveAs(file);
        return file;
      } catch (e) {
        if (attempt === 2) throw new Error(`${selector} gave no download twice; the panel says: ${await page.textContent('.share')}`, { cause: e });
      }
    }
  };
  await page.selectOption('#capture', 'client');
  const pcap = await save('.download-pcap');
  assert.equal(path.basename(pcap), 'syn-ack-lost-client.pcap');
  const lines = execFileSync('tshark', ['-n', '-r', pcap], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
  assert.equal(lines.length, 4, lines.join('\n'));
  assert.match(lines[1], /TCP Retransmission.*\[SYN\]/);
  const svg = fs.readFileSync(await save('.download-svg'), 'utf8');
  assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*url\(#cross\)[\s\S]*<\/svg>\s*$/);
  const png = fs.readFileSync(await save('.download-png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 10000, `a real picture (${png.length} bytes)`);
  const json = JSON.parse(fs.readFileSync(await save('.download-json'), 'utf8'));
  assert.deepEqual(json.segments.map((s) => s.lost), [false, true, false, false, false]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('once loaded, it works offline', async () => {
  const { page, errors, context } = await open('index.html');
  await page.waitForSelector('svg.sequence');
  await context.setOffline(true);
  await page.fill('#s2c-loss', '100');
  await page.selectOption('.speed select', '100');
  await page.click('.playback .play');
  await page.waitForFunction(() => /ETIMEDOUT/.test(document.body.textContent), null, { timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a course page script mounts an instance and follows its events', async () => {
  const { page, errors, context } = await open('embed-example.html');
  // The host page loads synack's module itself, then mounts into its own element.
  await page.evaluate(async (base) => {
    const host = document.createElement('div');
    host.id = 'lesson';
    document.body.append(host);
    await import(base + 'boot.js');
  }, env.url);
  await page.waitForFunction(() => window.synack && window.synack.mount);
  const log = await page.evaluate(async () => {
    const seen = [];
    const app = synack.mount(document.getElementById('lesson'), { drop: [{ dir: 's2c', nth: 1 }] }, { lang: 'en', embed: true, speed: 100 });
    app.on('state', (c) => seen.push(`${c.endpoint} ${c.to}`));
    const off = app.on('segment', (s) => seen.push(`${s.from} ${s.flags.join(',')} arrives`));
    app.play();
    await new Promise((r) => setTimeout(r, 3000));
    off();
    const trace = app.trace();
    return { seen, lost: trace.segments.filter((s) => s.lost).length };
  });
  assert.equal(log.lost, 1);
  assert.ok(log.seen.includes('client SYN arrives'), log.seen.join('\n'));
  assert.ok(log.seen.includes('client ESTABLISHED'), log.seen.join('\n'));
  // A segment arrives, then the state it causes.
  assert.ok(log.seen.indexOf('client SYN arrives') < log.seen.indexOf('server SYN-RECEIVED'), log.seen.join('\n'));
  assert.ok(log.seen.indexOf('server SYN-RECEIVED') < log.seen.indexOf('client ESTABLISHED'));
  // Bad arguments throw errors that say what is wrong.
  const thrown = await page.evaluate(() => {
    const msg = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
    return [
      msg(() => synack.mount('#lesson')),
      msg(() => synack.mount(document.body, { c2s: { delay_ms: -1 } })),
      msg(() => synack.mount(document.body, {}, { colour: 'red' })),
      msg(() => synack.pcap({}, { capture: 'moon' })),
    ];
  });
  assert.match(thrown[0], /DOM element/);
  assert.match(thrown[1], /c2s\.delay_ms/);
  assert.match(thrown[2], /options\.colour: unknown option/);
  assert.match(thrown[3], /options\.capture/);
  const bytes = await page.evaluate(() => { const b = synack.pcap({}, { capture: 'server' }); return [b.constructor.name, b.length, ...b.slice(0, 4)]; });
  assert.deepEqual(bytes.slice(0, 1), ['Uint8Array']);
  assert.deepEqual(bytes.slice(2), [0xd4, 0xc3, 0xb2, 0xa1]);
  assert.deepEqual(errors, []);
  await context.close();
});
