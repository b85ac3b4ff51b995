// Starts synack. A file of its own rather than the inline script trunk would
// write, so that a strict Content-Security-Policy allows it (docs/embed.md):
//   script-src 'self' 'wasm-unsafe-eval'
import init from './synack-app.js';

// Launched by an LMS from a SCORM package (index.html?scorm=1.2 or 2004):
// the adapter comes first, to put the learner and their progress into the
// address the app starts from. Other pages never fetch it.
const params = new URLSearchParams(location.search);
const scorm = params.get('scorm');
if (scorm === '1.2' || scorm === '2004') {
  await (await import('./scorm.js')).start(scorm);
}
// Framed by a course page that named its origin: progress and scores go to
// it by postMessage (host.js).
if (params.has('origin')) {
  (await import('./host.js')).start(params.get('origin'));
}
await init({ module_or_path: new URL('./synack-app_bg.wasm', import.meta.url) });
