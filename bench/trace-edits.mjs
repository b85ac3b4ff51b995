// Profiling aid (not a test, not part of bench.sh): where the time of an
// edit goes, from a Chromium trace of 60 edits on the ~200-segment run.
// Usage: node bench/trace-edits.mjs   (after trunk build --release)
import { openDenseRun } from './dense-run.mjs';

const { page, close } = await openDenseRun();
const edit = (n) => page.evaluate(async (n) => {
  const fields = ['#c2s-delay', '#s2c-delay', '#seed'];
  for (let i = 0; i < n; i++) {
    const input = document.querySelector(fields[i % 3]);
    input.value = fields[i % 3] === '#seed' ? String(2000 + i) : String(40 + (i % 17));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    void document.body.offsetHeight;
  }
}, n);
await edit(20); // warm-up
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing', transferMode: 'ReportEvents' });
await edit(60);
await cdp.send('Tracing.end');
await done;
const sums = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  sums.set(e.name, (sums.get(e.name) || 0) + e.dur / 1000);
}
const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 14);
for (const [name, ms] of top) console.log(`${(ms / 60).toFixed(2).padStart(7)} ms/edit  ${name}`);
await close();
