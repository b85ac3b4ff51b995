//! Files the page fetches when it needs them, found next to synack-app.js
//! (wherever the page, or a course page's `synack.mount`, loaded it from):
//! the capture-file reader, the lessons and the words of languages other
//! than English.

use wasm_bindgen::prelude::*;

// A file of its own (wasm-bindgen puts it under snippets/), so a strict
// Content-Security-Policy without 'unsafe-inline' allows it. synack-app.js
// lies two folders up from it.
#[wasm_bindgen(inline_js = r#"
const near = (path) => new URL("../../" + path, import.meta.url).href;
// One file read at a time, by a worker of its own (capture-worker.js): the
// page stays responsive, and cancelling ends the worker.
let reading, capture;
export function read_capture(buffer, root) {
  // The bar is moved here, not by drawing the page again for each message.
  const progress = (done) => {
    const bar = root && root.querySelector(".reading progress");
    if (bar) bar.value = done;
  };
  let worker;
  try {
    worker = new Worker(near("capture-worker.js"), { type: "module" });
  } catch {
    // A frame of opaque origin (sandbox without allow-same-origin) may
    // start no worker: read in the page, as one task.
    capture ??= import(near("synack-capture.js"))
      .then(async (m) => { await m.default(); return m; })
      .catch((e) => { capture = undefined; throw e; });
    return capture.then((m) => m.read(new Uint8Array(buffer), progress));
  }
  return new Promise((resolve, reject) => {
    const end = () => { worker.terminate(); if (reading && reading.worker === worker) reading = undefined; };
    reading = { worker, stop: () => { end(); reject(null); } };
    worker.onmessage = ({ data }) => {
      if (data.done !== undefined) return progress(data.done);
      end();
      if (data.out) resolve(data.out);
      else reject(data.error ?? new Error(data.failed));
    };
    worker.onerror = (e) => { end(); reject(new Error(e.message || "the capture reader did not start")); };
    worker.postMessage(buffer, [buffer]);
  });
}
export function cancel_capture() {
  if (reading) reading.stop();
}
export function fetch_words(code) {
  return fetch(near("i18n/" + code + ".txt")).then((r) => {
    if (!r.ok) throw new Error(`i18n/${code}.txt: ${r.status} ${r.statusText}`);
    return r.text();
  });
}
// The page's own files (files.txt lists them), for a SCORM package.
export async function fetch_app_files() {
  const get = async (path) => {
    const r = await fetch(near(path));
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return r;
  };
  const names = (await (await get("files.txt")).text()).split("\n").filter((n) => n);
  return Promise.all(names.map(async (n) => [n, new Uint8Array(await (await get(n)).arrayBuffer())]));
}
export function fetch_lesson(name, code) {
  const path = "lessons/" + code + "/" + name + ".txt";
  return fetch(near(path)).then((r) => {
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return r.text();
  });
}
"#)]
extern "C" {
    /// Read a capture file's bytes in a worker (crate `synack-capture`),
    /// the buffer handed over. Resolves to the capture as bytes
    /// (`transfer`); rejects with the reader's error text, a JS Error, or
    /// null when cancelled. It moves the `.reading progress` bar inside
    /// `root`, if there is one, as it goes.
    pub fn read_capture(
        buffer: &js_sys::ArrayBuffer,
        root: Option<&web_sys::Element>,
    ) -> js_sys::Promise;
    /// Stop the file being read, if any (its promise rejects with null).
    pub fn cancel_capture();
    /// A language's catalog (`static/i18n/<code>.txt`), as text.
    pub fn fetch_words(code: &str) -> js_sys::Promise;
    /// The page's own files, as `[name, Uint8Array]` pairs (the names from
    /// `files.txt`, which scripts/post-build.sh writes).
    pub fn fetch_app_files() -> js_sys::Promise;
    /// A lesson's text in one language (`lessons/<code>/<name>.txt`).
    pub fn fetch_lesson(name: &str, code: &str) -> js_sys::Promise;
}
