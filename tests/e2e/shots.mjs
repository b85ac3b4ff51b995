// Screenshots of the views a person should look at after a change to the
// page (not a test: `node tests/e2e/shots.mjs [out-dir]`, after a release
// build). Each is taken at a moment named in its file name.
import path from 'node:path';
import fs from 'node:fs';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const out = process.argv[2] || '/tmp/synack-shots';
fs.mkdirSync(out, { recursive: true });
const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist');
const { server, url } = await serve(dist);
const browser = await launch();

async function shot(name, query, { width = 1280, height = 800, act } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url + query);
  await page.waitForSelector('svg.sequence');
  await page.waitForTimeout(300);
  if (act) await act(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  await page.close();
}

const end = (page) => page.keyboard.press('End');
const steps = (n) => async (page) => { for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight'); };

await shot('handshake-start', '?scenario=handshake');
await shot('handshake-mid', '?scenario=handshake', { act: steps(2) });
await shot('handshake-end', '?scenario=handshake', { act: end });
await shot('four-way-close-end', '?scenario=four-way-close', { act: end });
await shot('closed-port-end', '?scenario=closed-port', { act: end });
await shot('byte-counting-end', '?scenario=byte-counting', { act: end });
await shot('simultaneous-open-end', '?scenario=simultaneous-open', { act: end });
await shot('two-way-end', '?scenario=two-way-syn-ack-lost', { act: end });
await shot('dense-end', '?c2s_delay=50&data=14600', { act: end });
await shot('zh-syn-ack-lost', '?scenario=syn-ack-lost&lang=zh', { act: steps(4) });
await shot('phone-handshake', '?scenario=handshake', { width: 390, height: 844, act: steps(3) });
await shot('embed-syn-ack-lost', '?scenario=syn-ack-lost&embed=1', { width: 640, height: 400, act: end });
await shot('presenting', '?scenario=four-way-close', { act: async (p) => { await end(p); await p.keyboard.press('p'); } });
await shot('edit-after-drop', '?scenario=handshake', {
  act: async (p) => { await end(p); await p.click('.event-log li[data-segment="1"] .toggle'); await end(p); },
});
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
