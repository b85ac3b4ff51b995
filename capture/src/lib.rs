//! The capture-file reader (pcap and pcapng, via pcap-file and etherparse)
//! as a wasm module of its own. Almost nobody who opens synack opens a
//! capture, so the page does not carry this code: `src/capture_reader.rs`
//! imports this module the first time a file is opened.
//!
//! The interface is one function, and the capture crosses as bytes in
//! `synack_sim::import::transfer`'s form.

use wasm_bindgen::prelude::*;

// As in the app (src/main.rs): talc, smaller and faster than dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Read a capture file's bytes, calling `progress` with the share read so
/// far now and then. Returns the capture as bytes for `transfer::decode`,
/// or throws why it cannot be read, in `transfer::encode_error`'s form.
#[wasm_bindgen]
pub fn read(bytes: &[u8], progress: &js_sys::Function) -> Result<Vec<u8>, JsValue> {
    let mut tell = |done: f64| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(done));
    };
    synack_sim::import::read_with_progress(bytes, &mut tell)
        .map(|capture| synack_sim::import::transfer::encode(&capture))
        .map_err(|e| JsValue::from_str(&synack_sim::import::transfer::encode_error(&e)))
}
