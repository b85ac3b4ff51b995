//! Reading a capture file with the capture-reader module (crate
//! `synack-capture`), in a worker the page starts for each file
//! (`static/capture-worker.js`): the pcap and pcapng code is not in the
//! page's own wasm (13 KB of its gzip, which few visitors need), and a big
//! file is read while the page stays responsive; a file chosen meanwhile
//! stops it.

use crate::assets::read_capture;
use crate::export::describe;
use synack_sim::import::{Capture, ImportError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a capture could not be shown; `i18n::capture_error` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum CaptureError {
    /// The file is not one synack can read.
    File(ImportError),
    /// The reader itself did not load or answer (with what the browser said).
    Reader(String),
    /// The reader was stopped for a file chosen after (`assets::cancel_capture`).
    Cancelled,
    /// The page's own code for reading files did not arrive (`later`).
    NotLoaded,
}

/// Read a capture file (its bytes handed over to the reader), moving the
/// `.reading progress` bar inside `root` as it goes.
pub async fn read(
    buffer: &js_sys::ArrayBuffer,
    root: Option<&web_sys::Element>,
) -> Result<Capture, CaptureError> {
    let answer = JsFuture::from(read_capture(buffer, root)).await;
    let value = answer.map_err(|e| {
        if e.is_null() {
            CaptureError::Cancelled
        } else if let Some(text) = e.as_string() {
            // The reader's own error form; anything else is the browser's.
            CaptureError::File(synack_sim::import::transfer::decode_error(&text))
        } else {
            CaptureError::Reader(describe(&e))
        }
    })?;
    let bytes = value
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| CaptureError::Reader("no bytes in its answer".into()))?
        .to_vec();
    synack_sim::import::transfer::decode(&bytes)
        .ok_or_else(|| CaptureError::Reader("a damaged answer".into()))
}
