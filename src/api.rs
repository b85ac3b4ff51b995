//! `window.synack`: the JavaScript API (docs/api.md).
//!
//! `simulate(config)` takes a plain object and returns the trace as a plain
//! object. A bad config throws a JS `Error` whose message names the field;
//! nothing in here may panic, since a panic in wasm kills the whole page.

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
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(ApiError(
            "config: must be an object such as { c2s: { delay_ms: 50 } }".into(),
        ));
    }
    let cfg = read_config(value).map_err(|why| {
        // Where: the key whose removal makes this error go away, followed
        // down the object. (serde_path_to_error tracks the path as it reads,
        // by wrapping every visitor: 6 KB of the page's gzip for a message.)
        let field = locate(value, &why).unwrap_or_else(|| "config".into());
        ApiError(format!("{field}: {why}"))
    })?;
    cfg.validate().map_err(|e| ApiError(e.to_string()))?;
    Ok(cfg)
}

/// Read a config, or say why not (serde's words, without the path).
fn read_config(value: &JsValue) -> Result<Config, String> {
    let de = serde_wasm_bindgen::Deserializer::from(value.clone());
    <Config as serde::Deserialize>::deserialize(de).map_err(|e| {
        // serde-wasm-bindgen's errors are JS Errors, whose text starts "Error: ".
        let text = e.to_string();
        text.strip_prefix("Error: ").unwrap_or(&text).to_string()
    })
}

/// A copy of `value` reduced along `path`: each object on the way to the one
/// key the path names, each array to the one element. None where the path
/// does not lead through objects and arrays.
fn only(value: &JsValue, path: &[String]) -> Option<JsValue> {
    let Some((first, rest)) = path.split_first() else {
        return Some(value.clone());
    };
    if js_sys::Array::is_array(value) {
        let arr: &js_sys::Array = value.unchecked_ref();
        let out = js_sys::Array::new();
        out.push(&only(&arr.get(first.parse().ok()?), rest)?);
        return Some(out.into());
    }
    if !value.is_object() {
        return None;
    }
    let out = js_sys::Object::new();
    let key = JsValue::from_str(first);
    let v = js_sys::Reflect::get(value, &key).ok()?;
    js_sys::Reflect::set(&out, &key, &only(&v, rest)?).ok()?;
    Some(out.into())
}

/// The path to what `why` is about, as `c2s.delay_ms` or `drop[0].dir`: at
/// each level, the key (or element) that alone still gives that error.
/// serde reports a bad value as it reads it, before any missing field, so
/// the key that holds it is the one that keeps the error.
fn locate(value: &JsValue, why: &str) -> Option<String> {
    let mut path: Vec<String> = Vec::new();
    // Bounded: a config is a few levels deep.
    for _ in 0..8 {
        let node = path.iter().try_fold(value.clone(), |v, k| {
            if js_sys::Array::is_array(&v) {
                Some(v.unchecked_ref::<js_sys::Array>().get(k.parse().ok()?))
            } else {
                js_sys::Reflect::get(&v, &k.as_str().into()).ok()
            }
        })?;
        let keys: Vec<String> = if js_sys::Array::is_array(&node) {
            (0..node.unchecked_ref::<js_sys::Array>().length().min(1000))
                .map(|i| i.to_string())
                .collect()
        } else if node.is_object() {
            js_sys::Object::keys(node.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|k| k.as_string())
                .collect()
        } else {
            break;
        };
        let culprit = keys.into_iter().find(|k| {
            let mut p = path.clone();
            p.push(k.clone());
            only(value, &p).is_some_and(|v| read_config(&v).err().as_deref() == Some(why))
        });
        match culprit {
            Some(k) => path.push(k),
            None => break,
        }
    }
    let mut out = String::new();
    for (i, k) in path.iter().enumerate() {
        if i > 0 && k.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{k}]"));
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(k);
        }
    }
    (!out.is_empty()).then_some(out)
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

/// Install `window.synack = { simulate, pcap, mount, version }`.
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
    js_sys::Reflect::set(&api, &"version".into(), &synack_sim::VERSION.into())?;
    js_sys::Object::freeze(&api);
    js_sys::Reflect::set(&window, &"synack".into(), &api)?;
    Ok(())
}

/// `synack.pcap`'s second argument, `{ capture: "wire" | "client" | "server" }`.
/// Read by hand: a serde visitor for one field would add ~17 KB of wasm.
fn parse_capture(options: &JsValue) -> Result<synack_sim::Capture, ApiError> {
    if options.is_undefined() || options.is_null() {
        return Ok(synack_sim::Capture::Wire);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(ApiError(
            "options: must be an object such as { capture: \"client\" }".into(),
        ));
    }
    let obj: &js_sys::Object = options.unchecked_ref();
    if let Some(key) = js_sys::Object::keys(obj)
        .iter()
        .filter_map(|k| k.as_string())
        .find(|k| k != "capture")
    {
        return Err(ApiError(format!(
            "options.{key}: unknown option (the only one is capture)"
        )));
    }
    let v = js_sys::Reflect::get(obj, &"capture".into()).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() {
        return Ok(synack_sim::Capture::Wire);
    }
    v.as_string()
        .as_deref()
        .and_then(synack_sim::Capture::parse)
        .ok_or_else(|| {
            ApiError(format!(
                "options.capture: must be \"wire\", \"client\" or \"server\" (got {})",
                describe_value(&v)
            ))
        })
}

/// A JS value as a message shows it.
fn describe_value(v: &JsValue) -> String {
    v.as_string()
        .map(|s| format!("\"{s}\""))
        .or_else(|| v.as_f64().map(|n| n.to_string()))
        .unwrap_or_else(|| v.js_typeof().as_string().unwrap_or_default())
}

/// `synack.svg`'s options: `{ lang: "en" | "zh", numbers: "relative" | "absolute" }`.
/// Read by hand, as `parse_capture` is.
fn parse_figure_options(options: &JsValue) -> Result<(crate::i18n::Lang, bool), ApiError> {
    let (mut lang, mut relative) = (crate::i18n::Lang::En, true);
    if options.is_undefined() || options.is_null() {
        return Ok((lang, relative));
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(ApiError(
            "options: must be an object such as { lang: \"zh\" }".into(),
        ));
    }
    let obj: &js_sys::Object = options.unchecked_ref();
    for key in js_sys::Object::keys(obj)
        .iter()
        .filter_map(|k| k.as_string())
    {
        let v = js_sys::Reflect::get(obj, &key.as_str().into()).unwrap_or(JsValue::UNDEFINED);
        let text = v.as_string();
        match (key.as_str(), text.as_deref()) {
            ("lang", Some(t)) if crate::i18n::Lang::parse(t).is_some() => {
                lang = crate::i18n::Lang::parse(t).unwrap_or_default();
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
                    "options.{other}: unknown option (they are lang and numbers)"
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
    let mut q = form_urlencoded::Serializer::new(String::new());
    if !(options.is_undefined() || options.is_null()) {
        if !options.is_object() || js_sys::Array::is_array(options) {
            return Err(ApiError(
                "options: must be an object such as { scenario: \"syn-lost\", embed: true }".into(),
            ));
        }
        for entry in js_sys::Object::entries(options.unchecked_ref()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            let v = pair.get(1);
            let text = if let Some(b) = v.as_bool() {
                if b { "1" } else { "0" }.to_string()
            } else if let Some(n) = v.as_f64() {
                n.to_string()
            } else if let Some(s) = v.as_string() {
                s
            } else {
                return Err(ApiError(format!(
                    "options.{key}: must be a string, number or boolean"
                )));
            };
            q.append_pair(&key, &text);
        }
    }
    let (settings, notices) = crate::url::parse(&q.finish());
    match notices.first() {
        None => Ok(settings),
        Some(n) => Err(ApiError(match &n.expected {
            Some(e) => format!("options.{}: expected {e} (got {})", n.param, n.value),
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
    use crate::app::{App, AppProps, Remote};
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
    };
    let handle = std::rc::Rc::new(std::cell::RefCell::new(Some(
        yew::Renderer::<App>::with_root_and_props(el.clone(), props).render(),
    )));
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
                .filter(|k| k == "state" || k == "segment")
                .ok_or_else(|| {
                    js_error(ApiError(
                        "on: the event must be \"state\" or \"segment\"".into(),
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
        if let Some(h) = handle.borrow_mut().take() {
            h.destroy();
        }
    });
    method(&api, "destroy", destroy.into_js_value())?;
    Ok(api.into())
}
