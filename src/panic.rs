//! A panic in wasm kills the app. We validate every input so none should
//! happen; if one does anyway, say so on the page and in the console instead
//! of leaving a silently frozen screen.

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("synack crashed: {info}");
        web_sys::console::error_1(&msg.clone().into());
        let banner = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("crash"));
        if let Some(el) = banner {
            el.set_text_content(Some(&format!(
                "{msg}. Please reload the page and report this."
            )));
            let _ = el.remove_attribute("hidden");
        }
    }));
}
