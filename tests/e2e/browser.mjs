// Launch Debian's Chromium through playwright-core (never a downloaded browser).
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';

const require = createRequire(import.meta.url);
const tools = process.env.SYNACK_TOOLS || path.join(os.homedir(), '.cache', 'synack-tools');
const { chromium } = require(path.join(tools, 'node_modules', 'playwright-core'));

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}
