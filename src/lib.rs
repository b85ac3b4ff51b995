//! synack's web front end: the Yew app, the JavaScript API, and the layout
//! that turns a trace into a sequence diagram. The simulation itself lives in
//! the `synack-sim` crate, which depends on nothing web.

pub mod api;
pub mod app;
pub mod components;
pub mod explain;
pub mod geometry;
pub mod i18n;
pub mod panic;
pub mod shared;
pub mod state;

/// Start everything: the panic guard, `window.synack`, and the app in `#app`.
pub fn start() {
    panic::install_hook();
    if let Err(e) = api::install() {
        web_sys::console::error_2(&"synack: could not install window.synack".into(), &e);
    }
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => web_sys::console::error_1(&"synack: no #app element".into()),
    }
}
