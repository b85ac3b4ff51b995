//! Browser tests (wasm-pack test --headless --chrome): the page's components
//! mounted in a real DOM, and the JavaScript API as a page script sees it.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use synack::api;
use synack::app::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).expect("test JSON parses")
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

/// Mount the app in a fresh element and let Yew render.
async fn mount_app() -> web_sys::Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    // Rendering is scheduled, not synchronous: flush, then give the browser a turn.
    yew::scheduler::flush().await;
    sleep(Duration::from_millis(20)).await;
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn browser_trace_equals_native_golden_traces() {
    for (config, golden) in [
        (
            include_str!("golden/default.config.json"),
            include_str!("golden/default.trace.json"),
        ),
        (
            include_str!("golden/lossy.config.json"),
            include_str!("golden/lossy.trace.json"),
        ),
    ] {
        let trace = api::simulate_js(json(config)).expect("valid config");
        assert_eq!(stringify(&trace), golden.trim_end());
    }
}

#[wasm_bindgen_test]
fn api_returns_plain_objects_as_documented() {
    let trace = api::simulate_js(JsValue::UNDEFINED).expect("defaults work");
    let segments: js_sys::Array = js_sys::Reflect::get(&trace, &"segments".into())
        .unwrap()
        .into();
    assert_eq!(segments.length(), 3);
    let syn_ack = segments.get(1);
    let flags = stringify(&js_sys::Reflect::get(&syn_ack, &"flags".into()).unwrap());
    assert_eq!(flags, r#"["SYN","ACK"]"#);
    let get = |k: &str| js_sys::Reflect::get(&syn_ack, &k.into()).unwrap();
    assert_eq!(get("rel_ack").as_f64(), Some(1.0));
    assert_eq!(get("from").as_string().as_deref(), Some("server"));
    assert_eq!(get("sent_us").as_f64(), Some(50_000.0));
    let outcome = js_sys::Reflect::get(&trace, &"outcome".into()).unwrap();
    assert_eq!(
        stringify(&js_sys::Reflect::get(&outcome, &"client".into()).unwrap()),
        stringify(&json(&format!(
            r#"{{"state":"ESTABLISHED","error":null,"isn":{}}}"#,
            js_sys::Reflect::get(&segments.get(0), &"seq".into())
                .unwrap()
                .as_f64()
                .unwrap()
        )))
    );
}

#[wasm_bindgen_test]
fn bad_configs_throw_errors_naming_the_field() {
    let cases = [
        (r#"{"c2s":{"delay_ms":-5}}"#, "c2s.delay_ms"),
        (r#"{"c2s":{"delay_ms":"abc"}}"#, "c2s.delay_ms"),
        (r#"{"s2c":{"loss":1.5}}"#, "s2c.loss"),
        (r#"{"drop":[{"dir":"sideways","nth":1}]}"#, "drop[0].dir"),
        (r#"{"drop":[{"dir":"c2s","nth":0}]}"#, "drop[0].nth"),
        (r#"{"timers":"bsd"}"#, "timers"),
        (r#"{"seed":"x"}"#, "seed"),
        (r#"{"server":{"listening":"yes"}}"#, "server.listening"),
    ];
    for (config, field) in cases {
        let err = api::simulate_js(json(config)).expect_err(config);
        let err: js_sys::Error = err.dyn_into().expect("a JS Error");
        let msg: String = err.message().into();
        assert!(
            msg.starts_with(&format!("{field}: ")),
            "{config}: message {msg:?} should name {field}"
        );
        assert!(!msg.contains("Error:"), "{msg:?} reads cleanly");
    }
    // NaN cannot be written in JSON: build it in JS.
    let cfg = json(r#"{"c2s":{}}"#);
    let c2s = js_sys::Reflect::get(&cfg, &"c2s".into()).unwrap();
    js_sys::Reflect::set(&c2s, &"jitter_ms".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let err: js_sys::Error = api::simulate_js(cfg).unwrap_err().dyn_into().unwrap();
    assert!(String::from(err.message()).starts_with("c2s.jitter_ms"));
    // Not an object at all.
    assert!(api::simulate_js(JsValue::from_f64(3.0)).is_err());
    // And the simulator still answers afterwards.
    assert!(api::simulate_js(JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
async fn page_draws_the_handshake() {
    let root = mount_app().await;
    let first = root
        .query_selector("#handshake svg.sequence")
        .unwrap()
        .expect("a diagram");
    let arrows = first.query_selector_all(".segment").unwrap();
    assert_eq!(arrows.length(), 3, "one arrow per segment");
    let labels: Vec<String> = (0..arrows.length())
        .map(|i| arrows.get(i).unwrap().text_content().unwrap())
        .collect();
    assert!(labels[0].contains("SYN seq=0"), "{labels:?}");
    assert!(labels[1].contains("SYN, ACK seq=0 ack=1"), "{labels:?}");
    assert!(labels[2].contains("ACK seq=1 ack=1"), "{labels:?}");
    let text = first.text_content().unwrap();
    for state in ["SYN-SENT", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"] {
        assert!(text.contains(state), "{state} shown");
    }
    // The lost SYN-ACK in the second figure ends in a cross and is announced as lost.
    let lost = root
        .query_selector("#syn-ack-lost .segment.lost")
        .unwrap()
        .expect("a lost segment");
    assert!(lost.query_selector(".cross").unwrap().is_some());
    let log = root
        .query_selector("#syn-ack-lost .event-log")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(log.contains("✕ lost"));
    assert!(
        log.contains("1.000000 client > server: Flags [S], seq 0"),
        "{log}"
    );
}
