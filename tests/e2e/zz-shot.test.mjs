import { test } from 'node:test';
import { useBrowser, newPage } from './harness.mjs';
const env = useBrowser();
test('shots', async () => {
  for (const [name, q, vp] of [['sack-en', '?data=4380&drop=c2s:3,s2c:2,s2c:3', { width: 1280, height: 900 }],
                              ['sack-zh', '?data=4380&drop=c2s:3,s2c:2,s2c:3&lang=zh', { width: 1280, height: 900 }],
                              ['sack-phone', '?data=4380&drop=c2s:3,s2c:2,s2c:3', { width: 390, height: 844 }]]) {
    const { page, errors, context } = await newPage(env.browser, { viewport: vp });
    await page.goto(env.url + q);
    await page.waitForSelector('svg.sequence');
    // select the ACK with two blocks (the D-SACK one) via the log
    const lines = await page.$$eval('.event-log li', (ls) => ls.map((l) => l.textContent));
    const i = lines.findIndex((l) => /sack 2/.test(l));
    console.log(name, 'line', i, lines[i]);
    await page.locator('.event-log li').nth(i).locator('button').first().click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/probe/${name}.png`, fullPage: true });
    const insp = await page.textContent('.inspector, .header-grid').catch(() => '');
    console.log(name, (insp || '').slice(0, 300));
    console.log('errors', errors);
    await context.close();
  }
});
