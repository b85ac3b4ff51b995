//! The capture-file reader (pcap and pcapng, via pcap-file and etherparse)
//! as a wasm module of its own. Almost nobody who opens synack opens a
//! capture, so the page does not carry this code: `src/capture_reader.rs`
//! imports this module the first time a file is opened.
//!
//! The interface is one function, and the capture crosses as a plain JS
//! object in `synack_sim::import::Capture`'s serde form.

use serde::Serialize;
use wasm_bindgen::prelude::*;

// As in the app (src/main.rs): talc, smaller and faster than dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Read a capture file's bytes. Returns the capture as a plain object, or
/// throws the reason it cannot be read (`ImportError`'s text) as a string.
#[wasm_bindgen]
pub fn read(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let capture = synack_sim::import::read(bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
    // Times beyond 2^53 µs (a damaged or far-future file) stay exact as BigInts.
    let out = serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true);
    capture
        .serialize(&out)
        .map_err(|e| JsValue::from_str(&format!("internal: {e}")))
}
