// What every end-to-end file needs: dist/ served and Debian's Chromium running
// for the file's tests, and pages that collect their errors.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '../../dist');
export const artifacts = path.join(here, 'artifacts');

/** Serve dist/ (with serve.mjs options) and start a browser around this file's tests. */
export function useBrowser(serveOptions) {
  const env = { url: '', browser: null, server: null };
  before(async () => {
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is built (trunk build --release)');
    fs.mkdirSync(artifacts, { recursive: true });
    ({ server: env.server, url: env.url } = await serve(dist, serveOptions));
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** Wait for `window.synack`, as a course page waits for `synack:ready`:
 * the API's code is fetched once the app has started. */
export const apiReady = (page) => page.waitForFunction(() => typeof window.synack === 'object');

/** A page in a fresh context; `errors` collects page errors and console errors. */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors, context };
}
