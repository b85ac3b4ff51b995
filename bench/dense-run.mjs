// Where both edit benchmarks start: the release dist/ served, the page at
// 1280x800, and the dense ~200-segment run (140 kB on the third segment)
// with the playhead at its end, so every arrow is on screen and redrawn.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

export async function openDenseRun() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { server, url } = await serve(path.join(root, 'dist'));
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('svg.sequence');
  await page.fill('#data', '140000');
  await page.$eval('.scrubber', (el) => {
    el.value = el.max;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const close = async () => { await browser.close(); server.close(); };
  return { page, url, close };
}
