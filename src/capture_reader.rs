//! Reading a capture file with the capture-reader module (crate
//! `synack-capture`), which the page imports the first time someone opens a
//! file: the pcap and pcapng code was 13 KB of the page's gzip, and few
//! visitors ever need it.

use crate::assets::load_capture_reader;
use crate::export::describe;
use synack_sim::import::{Capture, ImportError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a capture could not be shown; `i18n::capture_error` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum CaptureError {
    /// The file is not one synack can read.
    File(ImportError),
    /// The reader itself did not load or answer (with what the browser said).
    Reader(String),
}

/// Read a capture file's bytes.
pub async fn read(bytes: &js_sys::Uint8Array) -> Result<Capture, CaptureError> {
    let reader = |why: String| CaptureError::Reader(why);
    let module = JsFuture::from(load_capture_reader())
        .await
        .map_err(|e| reader(describe(&e)))?;
    let read: js_sys::Function = js_sys::Reflect::get(&module, &"read".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| reader("no read function".into()))?;
    let value = read
        .call1(&JsValue::NULL, bytes)
        .map_err(|e| match e.as_string() {
            // What the reader throws is its own error form; anything else is
            // the browser's (out of memory, say).
            Some(text) => CaptureError::File(synack_sim::import::transfer::decode_error(&text)),
            None => reader(describe(&e)),
        })?;
    let bytes = value
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| reader("no bytes in its answer".into()))?
        .to_vec();
    synack_sim::import::transfer::decode(&bytes).ok_or_else(|| reader("a damaged answer".into()))
}
