//! Getting things out of the page: files to download (pcap, SVG, PNG, JSON)
//! and text to the clipboard. Each can fail where the host forbids it (a
//! sandboxed iframe without `allow-downloads`, a clipboard without
//! permission); they report that instead of throwing.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Offer `bytes` as a file named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    download_blob(name, &blob)
}

fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let doc = document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The click has started the download; the URL can go a second later.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(1000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// The largest canvas browsers draw: 32,767 pixels a side (Chromium,
/// Firefox) and 268 million in all (Safari's limit is lower still).
pub const MAX_PNG_SIDE: f64 = 32_767.0;
const MAX_PNG_AREA: f64 = 268_435_456.0;

/// Whether a figure of this size can be a PNG at `scale`.
pub fn png_fits(width: f64, height: f64, scale: f64) -> bool {
    let (w, h) = (width * scale, height * scale);
    w <= MAX_PNG_SIDE && h <= MAX_PNG_SIDE && w * h <= MAX_PNG_AREA
}

/// Draw an SVG document into a PNG at `scale` and offer it as a file. Async
/// (the image decodes first); failures go to `on_error`.
pub fn download_png(
    name: String,
    svg: String,
    width: f64,
    height: f64,
    scale: f64,
    on_error: impl Fn(String) + 'static,
) {
    let on_error = std::rc::Rc::new(on_error);
    let said = on_error.clone();
    let run = move || -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("image/svg+xml");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let img = web_sys::HtmlImageElement::new()?;
        let (img2, url2) = (img.clone(), url.clone());
        let err2 = on_error.clone();
        let onload = Closure::once_into_js(move || {
            let draw = || -> Result<(), JsValue> {
                let doc = document().ok_or("no document")?;
                let canvas: web_sys::HtmlCanvasElement =
                    doc.create_element("canvas")?.dyn_into()?;
                canvas.set_width((width * scale) as u32);
                canvas.set_height((height * scale) as u32);
                let ctx: web_sys::CanvasRenderingContext2d = canvas
                    .get_context("2d")?
                    .ok_or("no 2d context")?
                    .dyn_into()?;
                ctx.scale(scale, scale)?;
                ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0)?;
                let name = name.clone();
                let err3 = err2.clone();
                let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| match blob {
                    Some(b) => {
                        if let Err(e) = download_blob(&name, &b) {
                            err3(describe(&e));
                        }
                    }
                    None => err3("the browser could not encode the PNG".into()),
                });
                canvas.to_blob(done.unchecked_ref())?;
                Ok(())
            };
            if let Err(e) = draw() {
                err2(describe(&e));
            }
            let _ = web_sys::Url::revoke_object_url(&url2);
        });
        img.set_onload(Some(onload.unchecked_ref()));
        let err4 = on_error.clone();
        let onerror = Closure::once_into_js(move || {
            err4("the diagram could not be drawn as an image".into())
        });
        img.set_onerror(Some(onerror.unchecked_ref()));
        img.set_src(&url);
        Ok(())
    };
    if let Err(e) = run() {
        said(describe(&e));
    }
}

/// A JS error as one line of text.
pub fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Put text on the clipboard; `done(true)` if it got there. Where the
/// clipboard is unavailable (sandboxed iframes, old browsers), `done(false)`.
pub fn copy_text(text: &str, done: impl Fn(bool) + 'static) {
    // navigator.clipboard is undefined outside secure contexts: look before calling.
    let clipboard = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
        .filter(|c| c.is_object())
        .map(|c| c.unchecked_into::<web_sys::Clipboard>());
    let Some(clipboard) = clipboard else {
        done(false);
        return;
    };
    let promise = clipboard.write_text(text);
    let done = std::rc::Rc::new(done);
    let (ok, fail) = (done.clone(), done);
    let on_ok = Closure::once_into_js(move |_: JsValue| ok(true));
    let on_fail = Closure::once_into_js(move |_: JsValue| fail(false));
    let then = js_sys::Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &on_ok, &on_fail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_taller_than_any_canvas_is_no_png() {
        assert!(png_fits(760.0, 600.0, 2.0));
        assert!(!png_fits(760.0, 20_000.0, 2.0), "40,000 px tall");
        assert!(
            !png_fits(20_000.0, 14_000.0, 1.0),
            "280 million pixels, over the area"
        );
    }
}
