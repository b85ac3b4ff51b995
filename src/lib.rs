//! synack's web front end: the Yew app, the JavaScript API, and the layout
//! that turns a trace into a sequence diagram. The simulation itself lives in
//! the `synack-sim` crate, which depends on nothing web.

pub mod api;
pub mod app;
pub mod components;
pub mod explain;
pub mod figure;
pub mod geometry;
pub mod i18n;
pub mod panic;
pub mod quiz;
pub mod scenarios;
pub mod shared;
pub mod state;

/// Read `?scenario=` and `?lang=` from the address bar. Anything unknown is
/// reported in a notice and replaced by the default: never a blank page.
fn props_from_url() -> app::AppProps {
    let mut props = app::AppProps {
        scenario: Some("handshake"),
        ..app::AppProps::default()
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return props;
    };
    if let Some(name) = params.get("scenario") {
        match scenarios::find(&name) {
            Some(s) => props.scenario = Some(s.name),
            None => props.notices.push(format!(
                "Unknown scenario “{name}”; showing the handshake. Scenarios: {}",
                scenarios::ALL
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    if let Some(lang) = params.get("lang") {
        match lang.as_str() {
            "en" => props.lang = Some(i18n::Lang::En),
            "zh" | "zh-CN" => props.lang = Some(i18n::Lang::Zh),
            other => props.notices.push(format!(
                "Unknown language “{other}”; use lang=en or lang=zh. Following the browser."
            )),
        }
    }
    props
}

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
            yew::Renderer::<app::App>::with_root_and_props(root, props_from_url()).render();
        }
        None => web_sys::console::error_1(&"synack: no #app element".into()),
    }
}
