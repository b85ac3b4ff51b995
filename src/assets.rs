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
let capture;
export function load_capture_reader() {
  capture ??= import(near("synack-capture.js"))
    .then(async (m) => { await m.default(); return m; })
    .catch((e) => { capture = undefined; throw e; });
  return capture;
}
export function fetch_words(code) {
  return fetch(near("i18n/" + code + ".txt")).then((r) => {
    if (!r.ok) throw new Error(`i18n/${code}.txt: ${r.status} ${r.statusText}`);
    return r.text();
  });
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
    /// The capture reader's module (crate `synack-capture`), imported and
    /// initialised once.
    pub fn load_capture_reader() -> js_sys::Promise;
    /// A language's catalog (`static/i18n/<code>.txt`), as text.
    pub fn fetch_words(code: &str) -> js_sys::Promise;
    /// A lesson's text in one language (`lessons/<code>/<name>.txt`).
    pub fn fetch_lesson(name: &str, code: &str) -> js_sys::Promise;
}
