//! A panic in wasm kills the app. We validate every input so none should
//! happen; if one does anyway, say so on the page and in the console instead
//! of leaving a silently frozen screen.

/// Install the hook, through Yew: a plain `std::panic::set_hook` is replaced
/// by Yew's own (console only) the first time an app is rendered.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let msg = format!("synack crashed: {info}");
        web_sys::console::error_1(&msg.clone().into());
        show_crash(&msg);
    }));
}

/// Show the page's crash banner (`#crash`, in index.html) with what
/// happened and a way to reload. The language is unknown by then: both.
pub fn show_crash(msg: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    let Some((document, banner)) =
        document.and_then(|d| d.get_element_by_id("crash").map(|b| (d, b)))
    else {
        return;
    };
    banner.set_text_content(Some(&format!(
        "{msg}. 页面已停止工作 / The page has stopped working. "
    )));
    // A link to the page itself reloads it, with no script (a strict CSP).
    if let Ok(reload) = document.create_element("a") {
        let _ = reload.set_attribute("href", "");
        reload.set_text_content(Some("重新加载 / Reload"));
        let _ = banner.append_child(&reload);
    }
    let _ = banner.remove_attribute("hidden");
}
