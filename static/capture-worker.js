// The capture-file reader (synack-capture) off the page's thread: a big file
// is read here while the page stays responsive, telling it how far it is.
// The page (src/assets.rs) starts one worker per file, and ends it to cancel.
import init, { read } from './synack-capture.js';

const ready = init({ module_or_path: new URL('./synack-capture_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  try {
    await ready;
    const out = read(new Uint8Array(e.data), (done) => self.postMessage({ done }));
    self.postMessage({ out }, [out.buffer]);
  } catch (err) {
    // The reader throws its error as text (transfer::encode_error).
    self.postMessage({ error: typeof err === 'string' ? err : null, failed: String(err && err.message || err) });
  }
};
