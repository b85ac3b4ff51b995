//! `window.synack`: the JavaScript API (docs/api.md).
//!
//! `simulate(config)` takes a plain object and returns the trace as a plain
//! object. A bad config throws a JS `Error` whose message names the field;
//! nothing in here may panic, since a panic in wasm kills the whole page.

pub mod instances;

use crate::from_js::{entries, is_record, read, ReadError};
use serde::Serialize;
use synack_sim::{Config, Trace};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why a config was refused, with the field first: `c2s.delay_ms: must not be negative (got -5)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError(pub String);

/// Read a config from any JS value. `undefined` and `null` mean all defaults.
pub fn parse_config(value: &JsValue) -> Result<Config, ApiError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Config::default());
    }
    if !is_record(value).map_err(|e| located("config", e))? {
        return Err(ApiError(
            "config: must be an object such as { c2s: { delay_ms: 50 } }".into(),
        ));
    }
    let cfg: Config = read(value).map_err(|e| located("config", e))?;
    cfg.validate().map_err(|e| ApiError(e.to_string()))?;
    Ok(cfg)
}

/// A reading error where it happened: `c2s.delay_ms: ...` in a config,
/// `options.lang: ...`, or `config: ...` about the whole value.
fn located(top: &str, e: ReadError) -> ApiError {
    let place = match (top, e.place()) {
        (_, p) if p.is_empty() => top.to_string(),
        ("config", p) => p,
        (_, p) => format!("{top}.{p}"),
    };
    ApiError(format!("{place}: {}", e.why()))
}

/// An options object's own entries; `undefined` and `null` have none.
fn option_entries(options: &JsValue, example: &str) -> Result<Vec<(String, JsValue)>, ApiError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Vec::new());
    }
    if !is_record(options).map_err(|e| located("options", e))? {
        return Err(ApiError(format!(
            "options: must be an object such as {example}"
        )));
    }
    entries(options, 16).map_err(|e| located("options", e))
}

/// Run the simulation for a config object.
pub fn simulate_value(value: &JsValue) -> Result<Trace, ApiError> {
    let cfg = parse_config(value)?;
    synack_sim::simulate(&cfg).map_err(|e| ApiError(e.to_string()))
}

/// A trace as a plain JS object (numbers, strings, arrays, null).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, ApiError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| ApiError(format!("internal: could not convert the trace: {e}")))
}

fn js_error(e: ApiError) -> JsValue {
    js_sys::Error::new(&e.0).into()
}

/// The function behind `window.synack.simulate`.
pub fn simulate_js(config: JsValue) -> Result<JsValue, JsValue> {
    let trace = simulate_value(&config).map_err(js_error)?;
    to_js(&trace).map_err(js_error)
}

/// The function behind `window.synack.loadLanguage("zh")`: a promise that
/// settles once that language's words are here (for `svg`'s `lang`).
pub fn load_language_js(code: JsValue) -> js_sys::Promise {
    let lang = code
        .as_string()
        .as_deref()
        .and_then(crate::i18n::Lang::parse);
    wasm_bindgen_futures::future_to_promise(async move {
        let lang = lang.ok_or_else(|| {
            js_error(ApiError(
                "loadLanguage: the language must be \"en\" or \"zh\"".into(),
            ))
        })?;
        crate::i18n::catalog::load(lang)
            .await
            .map_err(|e| js_error(ApiError(format!("loadLanguage: {e}"))))?;
        Ok(JsValue::UNDEFINED)
    })
}

/// Install `window.synack = { simulate, pcap, svg, mount, loadLanguage, version }`.
pub fn install() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let api = js_sys::Object::new();
    // into_js_value hands the closure to the JS garbage collector: it lives as
    // long as window.synack does, and nothing leaks on the Rust side.
    let simulate =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(simulate_js).into_js_value();
    js_sys::Reflect::set(&api, &"simulate".into(), &simulate)?;
    let pcap = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(pcap_js)
        .into_js_value();
    js_sys::Reflect::set(&api, &"pcap".into(), &pcap)?;
    let svg = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(svg_js)
        .into_js_value();
    js_sys::Reflect::set(&api, &"svg".into(), &svg)?;
    let mount =
        Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(mount_js)
            .into_js_value();
    js_sys::Reflect::set(&api, &"mount".into(), &mount)?;
    let load = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(load_language_js).into_js_value();
    js_sys::Reflect::set(&api, &"loadLanguage".into(), &load)?;
    js_sys::Reflect::set(&api, &"version".into(), &synack_sim::VERSION.into())?;
    js_sys::Object::freeze(&api);
    js_sys::Reflect::set(&window, &"synack".into(), &api)?;
    Ok(())
}

// The API's code (reading configs and options from JavaScript, mounting,
// the figure and pcap makers' wrappers) is not needed for the page's first
// picture: it is fetched once the app has started, and `synack:ready` says
// when it is there (src/lib.rs).
crate::split!(
    #[allow(unused_braces)] // the macro wraps the body in Ok(..)
    api: pub fn install_later() -> Result<(), JsValue> { install() }
);

/// `synack.pcap`'s second argument, `{ capture: "wire" | "client" | "server" }`.
/// Read by hand: a serde visitor for one field would add ~17 KB of wasm.
fn parse_capture(options: &JsValue) -> Result<synack_sim::Capture, ApiError> {
    let mut capture = synack_sim::Capture::Wire;
    for (key, v) in option_entries(options, "{ capture: \"client\" }")? {
        if key != "capture" {
            return Err(ApiError(format!(
                "options.{}: unknown option (the only one is capture)",
                crate::from_js::clip(&key)
            )));
        }
        if v.is_undefined() {
            continue;
        }
        capture = v
            .as_string()
            .as_deref()
            .and_then(synack_sim::Capture::parse)
            .ok_or_else(|| {
                ApiError(format!(
                    "options.capture: must be \"wire\", \"client\" or \"server\" (got {})",
                    describe_value(&v)
                ))
            })?;
    }
    Ok(capture)
}

/// A JS value as a message shows it.
fn describe_value(v: &JsValue) -> String {
    v.as_string()
        .map(|s| format!("\"{}\"", crate::from_js::clip(&s)))
        .or_else(|| v.as_f64().map(|n| crate::number::Decimal(n).to_string()))
        .unwrap_or_else(|| v.js_typeof().as_string().unwrap_or_default())
}

/// `synack.svg`'s options: `{ lang: "en" | "zh", numbers: "relative" | "absolute" }`.
/// Read by hand, as `parse_capture` is.
fn parse_figure_options(options: &JsValue) -> Result<(crate::i18n::Lang, bool), ApiError> {
    let (mut lang, mut relative) = (crate::i18n::Lang::En, true);
    for (key, v) in option_entries(options, "{ lang: \"zh\" }")? {
        let text = v.as_string();
        match (key.as_str(), text.as_deref()) {
            ("lang", Some(t)) if crate::i18n::Lang::parse(t).is_some() => {
                lang = crate::i18n::Lang::parse(t).unwrap_or_default();
                if crate::i18n::catalog::installed(lang).is_none() {
                    return Err(ApiError(format!(
                        "options.lang: the words of \"{t}\" are not loaded yet: \
                         await synack.loadLanguage(\"{t}\") first"
                    )));
                }
            }
            ("lang", _) => {
                return Err(ApiError(format!(
                    "options.lang: must be \"en\" or \"zh\" (got {})",
                    describe_value(&v)
                )))
            }
            ("numbers", Some("relative")) => relative = true,
            ("numbers", Some("absolute")) => relative = false,
            ("numbers", _) => {
                return Err(ApiError(format!(
                    "options.numbers: must be \"relative\" or \"absolute\" (got {})",
                    describe_value(&v)
                )))
            }
            (other, _) => {
                return Err(ApiError(format!(
                    "options.{}: unknown option (they are lang and numbers)",
                    crate::from_js::clip(other)
                )))
            }
        }
    }
    Ok((lang, relative))
}

/// The function behind `window.synack.svg(config, { lang, numbers })`: the
/// run's sequence diagram as SVG text, written as the page's export is.
pub fn svg_js(config: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let parsed = parse_config(&config).map_err(js_error)?;
    let trace = synack_sim::simulate(&parsed).map_err(|e| js_error(ApiError(e.to_string())))?;
    let (lang, relative) = parse_figure_options(&options).map_err(js_error)?;
    let (svg, _, _) = crate::figure::of_run(&trace, &parsed, None, None, relative, lang);
    Ok(svg.into())
}

/// The function behind `window.synack.pcap(config, { capture })`: the run's
/// capture file as a `Uint8Array`.
pub fn pcap_js(config: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let trace = simulate_value(&config).map_err(js_error)?;
    let capture = parse_capture(&options).map_err(js_error)?;
    let bytes = synack_sim::pcap::pcap(&trace, capture);
    Ok(js_sys::Uint8Array::from(&bytes[..]).into())
}

/// `synack.mount`'s options, as the URL parameters of the same names.
fn options_to_settings(options: &JsValue) -> Result<crate::url::Settings, ApiError> {
    let mut pairs = Vec::new();
    for (key, v) in option_entries(options, "{ scenario: \"syn-lost\", embed: true }")? {
        let text = if let Some(b) = v.as_bool() {
            if b { "1" } else { "0" }.to_string()
        } else if let Some(n) = v.as_f64() {
            crate::number::Decimal(n).to_string()
        } else if let Some(s) = v.as_string() {
            s
        } else {
            return Err(ApiError(format!(
                "options.{}: must be a string, number or boolean",
                crate::from_js::clip(&key)
            )));
        };
        pairs.push((key, text));
    }
    let (settings, notices) = crate::url::parse_pairs(&pairs);
    match notices.first() {
        None => Ok(settings),
        Some(n) => Err(ApiError(match &n.expected {
            Some(e) => format!(
                "options.{}: expected {} (got {})",
                n.param,
                crate::i18n::expected(crate::i18n::Lang::En, e),
                n.value
            ),
            None => format!("options.{}: unknown option", n.param),
        })),
    }
}

fn method(obj: &js_sys::Object, name: &str, f: JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(obj, &name.into(), &f).map(|_| ())
}

/// The function behind `window.synack.mount(element, config, options)`: a
/// live instance inside the host page, and a handle to drive and observe it.
pub fn mount_js(element: JsValue, config: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    use crate::app::{AppProps, Remote};
    use crate::state::Action;
    let el: web_sys::Element = element.dyn_into().map_err(|_| {
        js_error(ApiError(
            "mount: the first argument must be a DOM element".into(),
        ))
    })?;
    let mut settings = options_to_settings(&options).map_err(js_error)?;
    if !(config.is_undefined() || config.is_null()) {
        settings.config = parse_config(&config).map_err(js_error)?;
    }
    let remote = Remote::default();
    let props = AppProps {
        settings,
        notices: Vec::new(),
        remote: Some(remote.clone()),
        ..Default::default()
    };
    let instance = instances::Instance::open(&el, props)
        .ok_or_else(|| js_error(ApiError("mount: no document to mount in".into())))?;
    let instance = std::rc::Rc::new(std::cell::RefCell::new(instance));
    let api = js_sys::Object::new();
    js_sys::Reflect::set(&api, &"element".into(), &el)?;
    let send = |action: fn() -> Action| {
        let r = remote.clone();
        Closure::<dyn Fn()>::new(move || r.send(action())).into_js_value()
    };
    method(&api, "play", send(|| Action::Play))?;
    method(&api, "pause", send(|| Action::Pause))?;
    method(&api, "restart", send(|| Action::Restart))?;
    let r = remote.clone();
    let seek = Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |t: JsValue| {
        match t.as_f64() {
            Some(s) if s.is_finite() && s >= 0.0 => {
                r.send(Action::SeekTime((s * 1e6).round() as u64));
                Ok(())
            }
            _ => Err(js_error(ApiError(
                "seek: seconds must be a number ≥ 0".into(),
            ))),
        }
    });
    method(&api, "seek", seek.into_js_value())?;
    let r = remote.clone();
    let set_config = Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |c: JsValue| {
        let cfg = parse_config(&c).map_err(js_error)?;
        r.send(Action::Replace(Box::new(cfg)));
        Ok(())
    });
    method(&api, "setConfig", set_config.into_js_value())?;
    let r = remote.clone();
    let trace =
        Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(move || match &*r.trace.borrow() {
            Some(t) => to_js(&**t).map_err(js_error),
            None => Ok(JsValue::NULL),
        });
    method(&api, "trace", trace.into_js_value())?;
    let target = el.clone();
    let on = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |kind: JsValue, f: JsValue| {
            let kind = kind
                .as_string()
                .filter(|k| matches!(k.as_str(), "state" | "segment" | "score" | "progress"))
                .ok_or_else(|| {
                    js_error(ApiError(
                        "on: the event must be \"state\", \"segment\", \"score\" or \"progress\""
                            .into(),
                    ))
                })?;
            let f: js_sys::Function = f.dyn_into().map_err(|_| {
                js_error(ApiError(
                    "on: the second argument must be a function".into(),
                ))
            })?;
            let listener =
                Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    let _ = f.call1(&JsValue::NULL, &e.detail());
                })
                .into_js_value();
            let name = format!("synack:{kind}");
            target.add_event_listener_with_callback(&name, listener.unchecked_ref())?;
            // on() returns the function that removes the listener again.
            let (t2, l2) = (target.clone(), listener);
            let off = Closure::<dyn Fn()>::new(move || {
                let _ = t2.remove_event_listener_with_callback(&name, l2.unchecked_ref());
            });
            Ok(off.into_js_value())
        },
    );
    method(&api, "on", on.into_js_value())?;
    let destroy = Closure::<dyn Fn()>::new(move || {
        instance.borrow_mut().close();
        // The handle's methods do nothing from now on.
        *remote.dispatch.borrow_mut() = Some(yew::Callback::noop());
    });
    method(&api, "destroy", destroy.into_js_value())?;
    Ok(api.into())
}
