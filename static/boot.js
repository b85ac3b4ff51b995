// Starts synack. A file of its own rather than the inline script trunk would
// write, so that a strict Content-Security-Policy allows it (docs/embed.md):
//   script-src 'self' 'wasm-unsafe-eval'
import init from './synack-app.js';

await init({ module_or_path: new URL('./synack-app_bg.wasm', import.meta.url) });
