//! `window.synack`: the JavaScript API (docs/api.md).
//!
//! `simulate(config)` takes a plain object and returns the trace as a plain
//! object. A bad config throws a JS `Error` whose message names the field;
//! nothing in here may panic, since a panic in wasm kills the whole page.

use serde::Serialize;
use synack_sim::{Config, Trace};
use wasm_bindgen::prelude::*;

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
    let de = serde_wasm_bindgen::Deserializer::from(value.clone());
    let cfg: Config = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "config".to_string()
        } else {
            path
        };
        // serde-wasm-bindgen's errors are JS Errors, whose text starts "Error: ".
        let inner = e.inner().to_string();
        let inner = inner.strip_prefix("Error: ").unwrap_or(&inner);
        ApiError(format!("{field}: {inner}"))
    })?;
    cfg.validate().map_err(|e| ApiError(e.to_string()))?;
    Ok(cfg)
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

/// Install `window.synack = { simulate, version }`.
pub fn install() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let api = js_sys::Object::new();
    // into_js_value hands the closure to the JS garbage collector: it lives as
    // long as window.synack does, and nothing leaks on the Rust side.
    let simulate =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(simulate_js).into_js_value();
    js_sys::Reflect::set(&api, &"simulate".into(), &simulate)?;
    js_sys::Reflect::set(&api, &"version".into(), &synack_sim::VERSION.into())?;
    js_sys::Object::freeze(&api);
    js_sys::Reflect::set(&window, &"synack".into(), &api)?;
    Ok(())
}
