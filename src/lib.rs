//! synack's web front end: the Yew app, the JavaScript API, and the layout
//! that turns a trace into a sequence diagram. The simulation itself lives in
//! the `synack-sim` crate, which depends on nothing web.

pub mod api;
pub mod app;
pub mod assets;
pub mod capture_reader;
pub mod components;
pub mod exercise;
pub mod explain;
pub mod export;
pub mod figure;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_frame;
pub mod from_js;
pub mod geometry;
pub mod hooks;
pub mod i18n;
pub mod later;
pub mod lesson;
pub mod number;
pub mod package;
pub mod panic;
pub mod query;
pub mod quiz;
pub mod scenarios;
pub mod shared;
pub mod state;
pub mod url;

/// Every setting from the address bar (see `url`). Anything unknown or
/// invalid is reported in a notice and replaced by its default: never a blank page.
fn props_from_url() -> app::AppProps {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (settings, notices) = url::parse(&search);
    app::AppProps {
        settings,
        notices,
        remote: None,
        ..Default::default()
    }
}

/// Start everything: the panic guard, the app in `#app` if the page has one
/// (a course page that only calls `synack.mount` need not), and
/// `window.synack`, whose code is fetched meanwhile. Then `synack:ready` on
/// window tells such a page the API is there.
pub fn start() {
    panic::install_hook();
    let window = web_sys::window();
    let root = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = root {
        let mut props = props_from_url();
        let lang = props.settings.lang.unwrap_or_else(i18n::Lang::from_browser);
        // The first frame written into index.html at build time (see
        // first_frame.rs) stays on show until the app can draw the same:
        // its lesson is fetched before the app replaces it.
        let first_frame = root
            .query_selector(".first-frame")
            .ok()
            .flatten()
            .map(|_| props.settings.scenario.unwrap_or(url::DEFAULT_SCENARIO));
        // A reader of another language gets its words before the first
        // paint, not English first (the app fetches them too if this fails).
        wasm_bindgen_futures::spawn_local(async move {
            let _ = i18n::catalog::load(lang).await;
            if let Some(scenario) = first_frame {
                let _ = lesson::load(scenario, lang).await;
            }
            // The app draws into a box of its own, hidden till all its parts
            // are drawn (a task each); then it takes the place of whatever
            // else is in #app (the first frame, its templates) in one step.
            let Some(own) = root
                .owner_document()
                .and_then(|d| d.create_element("div").ok())
                .filter(|own| own.set_attribute("hidden", "").is_ok())
                .filter(|own| root.append_child(own).is_ok())
            else {
                return;
            };
            // The run is simulated and laid out in a task of its own: a
            // phone's page answers sooner with short tasks than a long one.
            gloo_timers::future::TimeoutFuture::new(0).await;
            props.model = std::cell::RefCell::new(Some(app::first_model(&props.settings)));
            gloo_timers::future::TimeoutFuture::new(0).await;
            props.on_drawn = Some({
                let own = own.clone();
                yew::Callback::from(move |()| {
                    root.replace_children_with_node_1(&own);
                    let _ = own.remove_attribute("hidden");
                })
            });
            // Through the mount pool's root component, so that the page's
            // wasm holds one kind of app root, not two.
            yew::Renderer::<api::instances::Slot>::with_root_and_props(
                own,
                api::instances::SlotProps {
                    app: Some(std::rc::Rc::new(props)),
                    generation: 0,
                },
            )
            .render();
        });
    }
    // The API's code comes after the app's first picture is under way;
    // `synack:ready` says it is there.
    wasm_bindgen_futures::spawn_local(async move {
        match api::install_later().await {
            // Only then: `synack:ready` means the API is there.
            Ok(Ok(())) => {
                if let (Some(w), Ok(ready)) = (window, web_sys::Event::new("synack:ready")) {
                    let _ = w.dispatch_event(&ready);
                }
            }
            Ok(Err(e)) => {
                web_sys::console::error_2(&"synack: could not install window.synack".into(), &e);
            }
            Err(_) => web_sys::console::error_1(
                &"synack: the JavaScript API's code did not arrive; window.synack is missing"
                    .into(),
            ),
        }
    });
}
