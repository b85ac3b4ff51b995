// Lighthouse's mobile audit (slow 4G, 4x CPU slowdown: its defaults) of the
// release build served gzipped on 127.0.0.1, as a static host serves it,
// for the page, the page in Chinese and an embed (issue 15's figures).
// Usage: node bench/lighthouse.mjs [runs]   (scripts/bench.sh runs it)
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tools = process.env.SYNACK_TOOLS || path.join(os.homedir(), '.cache', 'synack-tools');
const require = createRequire(path.join(tools, 'node_modules', 'x.js'));
const { default: lighthouse } = await import(require.resolve('lighthouse'));
const chromeLauncher = await import(require.resolve('chrome-launcher'));

const runs = Number(process.argv[2] || 3);
const { server, url } = await serve(path.resolve(here, '../dist'), { gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const query of ['', '?lang=zh', '?embed=1']) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(url + query, {
        port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const a = lhr.audits;
      results.push({
        perf: lhr.categories.performance.score * 100,
        a11y: lhr.categories.accessibility.score * 100,
        bp: lhr.categories['best-practices'].score * 100,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        kb: a['total-byte-weight'].numericValue / 1024,
      });
    }
    const m = (k) => median(results.map((r) => r[k]));
    console.log(`  /${query.padEnd(10)} performance ${m('perf')}, accessibility ${m('a11y')}, best practices ${m('bp')}; `
      + `LCP ${(m('lcp') / 1000).toFixed(2)} s, TBT ${Math.round(m('tbt'))} ms, CLS ${m('cls').toFixed(3)}, `
      + `${m('kb').toFixed(1)} KB transferred (median of ${runs})`);
  }
} finally {
  await chrome.kill();
  server.close();
}
