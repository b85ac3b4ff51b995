// Benchmark, not a test: opening a big capture in the page (release build,
// headless Chromium). A generated file of many connections, one SYN each
// (as a SYN flood or a port scan leaves), is opened with the file picker;
// prints the time until its connections are listed and the longest task
// that blocked the page meanwhile.
// Usage: node bench/import.mjs [connections]  (scripts/bench.sh runs it)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const n = Number(process.argv[2] || 100000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const file = path.join(os.tmpdir(), `synack-${n}-connections.pcap`);
execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'synack-sim', '--example', 'import_bench', '--', '--write', file, String(n)], { cwd: root, stdio: 'inherit' });
const { server, url } = await serve(path.join(root, 'dist'));
const browser = await launch();
const page = await browser.newPage();
await page.goto(url);
await page.waitForSelector('svg.sequence');
await page.evaluate(() => {
  window.longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
  }).observe({ entryTypes: ['longtask'] });
});
const start = Date.now();
await page.setInputFiles('.open-capture input', file);
await page.waitForSelector('.capture-bar.imported', { timeout: 600000 });
const secs = (Date.now() - start) / 1000;
const longest = await page.evaluate(() => window.longest);
const mb = fs.statSync(file).size / 1e6;
console.log(`capture import in the page: ${n} connections (${mb.toFixed(1)} MB) listed in ${secs.toFixed(2)} s, ${(secs * 100000 / n).toFixed(2)} s per 100,000 connections; longest task blocking the page ${longest.toFixed(0)} ms`);
await browser.close();
server.close();
fs.rmSync(file);
