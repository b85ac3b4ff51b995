//! Reading a capture file with the capture-reader module (crate
//! `synack-capture`), which the page imports the first time someone opens a
//! file: the pcap and pcapng code was 13 KB of the page's gzip, and few
//! visitors ever need it.

use crate::assets::load_capture_reader;
use crate::export::describe;
use synack_sim::import::Capture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Read a capture file's bytes. The error is a sentence for the page.
pub async fn read(bytes: &js_sys::Uint8Array) -> Result<Capture, String> {
    let module = JsFuture::from(load_capture_reader())
        .await
        .map_err(|e| format!("the capture reader did not load ({})", describe(&e)))?;
    let read: js_sys::Function = js_sys::Reflect::get(&module, &"read".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("the capture reader did not load (no read function)")?;
    let value = read
        .call1(&JsValue::NULL, bytes)
        .map_err(|e| describe(&e))?;
    let bytes = value
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| "internal: the capture reader answered with no bytes")?
        .to_vec();
    synack_sim::import::transfer::decode(&bytes)
        .ok_or_else(|| "internal: the capture reader's answer is damaged".into())
}
