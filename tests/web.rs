//! Browser tests (wasm-pack test --headless --chrome): the page's components
//! mounted in a real DOM, and the JavaScript API as a page script sees it.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use synack::api;
use synack::app::{App, AppProps};
use synack::i18n::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).expect("test JSON parses")
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

/// Mount the app (in English unless told) in a fresh element and let Yew render.
async fn mount_app(lang: Lang) -> web_sys::Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let (mut settings, _) = synack::url::parse("");
    settings.lang = Some(lang);
    let props = AppProps {
        settings,
        ..AppProps::default()
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

/// Rendering is scheduled, not synchronous: flush, then give the browser a turn.
async fn settle() {
    yew::scheduler::flush().await;
    sleep(Duration::from_millis(20)).await;
}

fn click(root: &web_sys::Element, selector: &str) {
    let el = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} exists"));
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&event).unwrap();
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} exists"))
        .text_content()
        .unwrap_or_default()
}

/// Type into a field as a user would: set the value, fire `input`.
fn type_into(root: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    fire(&input, "input");
}

/// Dispatch a bubbling event of `kind`, as the browser does after a user's edit.
fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// Choose an option in a select, as a user would: set the value, fire `change`.
fn choose(root: &web_sys::Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value(value);
    fire(&select, "change");
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

/// In the browser, numbers typed into fields and links are converted by
/// JavaScript's parseFloat after the grammar check; natively by Rust. Both
/// must give the same values and refuse the same texts.
#[wasm_bindgen_test]
fn typed_numbers_read_as_natively() {
    use synack::number::parse_decimal;
    for (text, want) in [
        ("50", Some(50.0)),
        ("-5", Some(-5.0)),
        ("0.1", Some(0.1)),
        ("2.5e+2", Some(250.0)),
        ("1e12", Some(1e12)),
        ("1e999", Some(f64::INFINITY)),
        ("0.30000000000000004", Some(0.1 + 0.2)),
        ("abc", None),
        ("5px", None),
        ("0x10", None),
        ("Infinity", None),
        ("", None),
    ] {
        assert_eq!(parse_decimal(text), want, "{text:?}");
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
fn a_played_side_reads_from_javascript_and_its_decisions_come_back() {
    // The server played: nothing sent yet, so the run waits for its answer to the SYN.
    let trace = api::simulate_js(json(r#"{"play":{"side":"server","moves":[]}}"#)).unwrap();
    let play = js_sys::Reflect::get(&trace, &"play".into()).unwrap();
    let waiting = js_sys::Reflect::get(&play, &"waiting".into()).unwrap();
    let right = js_sys::Reflect::get(&waiting, &"right".into()).unwrap();
    let flags = stringify(&js_sys::Reflect::get(&right, &"flags".into()).unwrap());
    assert_eq!(flags, r#"["SYN","ACK"]"#);
    // Sending nothing is a move too (null); a bad move names its field.
    let trace = api::simulate_js(json(r#"{"play":{"side":"server","moves":[null]}}"#)).unwrap();
    let play = js_sys::Reflect::get(&trace, &"play".into()).unwrap();
    let decisions: js_sys::Array = js_sys::Reflect::get(&play, &"decisions".into())
        .unwrap()
        .into();
    assert_eq!(decisions.length(), 1);
    let err = api::simulate_js(json(
        r#"{"play":{"side":"server","moves":[{"flags":["SYNN"],"seq":0}]}}"#,
    ))
    .unwrap_err();
    let err: js_sys::Error = err.dyn_into().unwrap();
    assert!(String::from(err.message()).starts_with("play.moves[0].flags"));
    let err = api::simulate_js(json(r#"{"play":{"side":"both"}}"#)).unwrap_err();
    let err: js_sys::Error = err.dyn_into().unwrap();
    assert!(
        String::from(err.message()).starts_with("play.side"),
        "{}",
        String::from(err.message())
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

/// Run a snippet of JS that returns a value (tests build hostile objects).
fn js(body: &str) -> JsValue {
    js_sys::Function::new_no_args(body)
        .call0(&JsValue::NULL)
        .expect("test snippet runs")
}

fn message(result: Result<JsValue, JsValue>) -> String {
    let err: js_sys::Error = result.expect_err("refused").dyn_into().expect("a JS Error");
    err.message().into()
}

#[wasm_bindgen_test]
fn configs_are_read_as_given_own_fields_only_unknown_ones_refused() {
    // A misspelt field is refused, in the browser as natively.
    let msg = message(api::simulate_js(json(r#"{"c2s":{"dealy_ms":5}}"#)));
    assert!(msg.starts_with("c2s.dealy_ms: unknown field"), "{msg}");
    // Inherited properties are not the caller's: the prototype's delay is not read.
    let inherited = js("return Object.create({ c2s: { delay_ms: 900 } })");
    let t = api::simulate_value(&inherited).expect("runs with defaults");
    assert_eq!(
        t.segments[0].arrive_us.map(|a| a - t.segments[0].sent_us),
        Some(50_000)
    );
    let polluted = js("Object.prototype.delay_ms = 999; return { c2s: {} }");
    let t = api::simulate_value(&polluted);
    js("delete Object.prototype.delay_ms");
    let t = t.expect("runs");
    assert_eq!(
        t.segments[0].arrive_us.map(|a| a - t.segments[0].sent_us),
        Some(50_000)
    );
    // A struct is an object, not an array of its fields.
    let msg = message(api::simulate_js(json(r#"{"c2s":[5,0,0]}"#)));
    assert!(msg.starts_with("c2s: invalid type: an array"), "{msg}");
    // A float where an integer belongs is echoed without Rust's float printing.
    let msg = message(api::simulate_js(json(r#"{"seed":1.5}"#)));
    assert!(msg.starts_with("seed: invalid type: number 1.5"), "{msg}");
    // 2^53 is a whole number, as natively.
    assert!(api::simulate_js(json(r#"{"seed":9007199254740992}"#)).is_ok());
}

#[wasm_bindgen_test]
fn long_lists_are_refused_before_they_are_read() {
    // Getters on every element would run if the list were read.
    let huge = js("const a = new Array(10000000); \
                   Object.defineProperty(a, 0, { get() { throw new Error('read') } }); \
                   return { drop: a }");
    let msg = message(api::simulate_js(huge));
    assert!(
        msg.starts_with("drop: at most 1000 entries (got 10000000)"),
        "{msg}"
    );
    let flags =
        js("return { inject: [{ at_ms: 1, dir: 'c2s', flags: new Array(5000).fill('SYN') }] }");
    let msg = message(api::simulate_js(flags));
    assert!(
        msg.starts_with("inject[0].flags: at most 1000 entries"),
        "{msg}"
    );
}

#[wasm_bindgen_test]
fn configs_that_throw_never_break_the_instance() {
    let cases = js("const revoked = Proxy.revocable({}, {}); revoked.revoke(); return [\
        { get seed() { throw new Error('getter') } },\
        new Proxy({}, { ownKeys() { throw new Error('trap') } }),\
        { c2s: new Proxy({}, { get() { throw 'a string' }, ownKeys() { return ['delay_ms'] },\
                               getOwnPropertyDescriptor() { return { enumerable: true, configurable: true } } }) },\
        { drop: revoked.proxy },\
        revoked.proxy ]");
    let cases: js_sys::Array = cases.dyn_into().unwrap();
    let wants = [
        "seed: reading it threw: getter",
        "config: listing its keys threw: trap",
        "c2s.delay_ms: reading it threw: a string",
        "drop: reading it threw",
        "config: reading it threw",
    ];
    for round in 0..2000 {
        for (case, want) in cases.iter().zip(wants) {
            let msg = message(api::simulate_js(case));
            if round == 0 {
                assert!(msg.starts_with(want), "{msg} should start {want}");
            }
        }
    }
    // 10,000 exceptions later the instance still works.
    assert_eq!(
        api::simulate_value(&JsValue::NULL)
            .expect("runs")
            .segments
            .len(),
        3
    );
}

#[wasm_bindgen_test]
async fn stepping_draws_the_handshake_as_it_happens() {
    let root = mount_app(Lang::En).await;
    assert_eq!(
        root.query_selector_all("svg.sequence .segment")
            .unwrap()
            .length(),
        0,
        "nothing before play"
    );
    click(&root, "button[aria-label='Next event']");
    settle().await;
    // At t = 0 the SYN has just left: it is travelling, not yet arrived.
    assert!(text(&root, ".clock").contains("0.000 s"));
    assert!(text(&root, ".explanation").contains("Client sends SYN seq=0"));
    for _ in 0..3 {
        click(&root, "button[aria-label='Next event']");
        settle().await;
    }
    let labels: Vec<String> = {
        let arrows = root.query_selector_all("svg.sequence .label").unwrap();
        (0..arrows.length())
            .map(|i| arrows.get(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        labels,
        ["SYN seq=0", "SYN, ACK seq=0 ack=1", "ACK seq=1 ack=1"]
    );
    assert!(text(&root, ".clock").contains("0.150 s"));
    let cards = text(&root, ".cards");
    assert!(
        cards.contains("ESTABLISHED") && cards.contains("accept()"),
        "{cards}"
    );
    // The state diagrams light the current state and name the last rule.
    assert!(text(&root, ".state-diagrams").contains("ACK of our SYN arrives in SYN-RECEIVED"));
    assert_eq!(
        root.query_selector_all(".state-node.current")
            .unwrap()
            .length(),
        2
    );
}

#[wasm_bindgen_test]
async fn dropping_the_syn_ack_in_the_ui_shows_the_retransmitted_syn_at_one_second() {
    let root = mount_app(Lang::En).await;
    click(&root, ".event-log li[data-segment='1'] .toggle");
    settle().await;
    let log = text(&root, ".event-log");
    assert!(log.contains("✕ lost"), "{log}");
    assert!(
        log.contains("1.000000 client > server: Flags [S], seq 0, win 64240"),
        "{log}"
    );
    assert!(log.contains("[Retransmission]"), "{log}");
    // Clicking the same segment in the diagram lets it through again.
    for _ in 0..3 {
        click(&root, "button[aria-label='Next event']");
        settle().await;
    }
    click(&root, "svg.sequence [data-segment='1']");
    settle().await;
    let log = text(&root, ".event-log");
    assert!(!log.contains("lost"), "{log}");
    assert_eq!(
        root.query_selector_all(".event-log li").unwrap().length(),
        3
    );
}

#[wasm_bindgen_test]
async fn a_keyboard_user_keeps_focus_on_the_drop_button_of_a_log_line() {
    let root = mount_app(Lang::En).await;
    let selector = ".event-log li[data-segment='1'] .toggle";
    let button: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.focus().unwrap();
    // Enter on a focused button clicks it; the line is then drawn anew.
    click(&root, selector);
    settle().await;
    let active = gloo_utils_document()
        .active_element()
        .expect("something has focus");
    assert!(
        active.matches(selector).unwrap(),
        "focus moved to {}",
        active.outer_html()
    );
    assert_eq!(active.text_content().unwrap(), "Let through");
    assert!(
        active.is_connected(),
        "the focused button is the one on the page"
    );
}

#[wasm_bindgen_test]
async fn switching_language_changes_the_labels() {
    let root = mount_app(Lang::En).await;
    assert!(text(&root, ".playback .play").contains("Play"));
    // The Chinese words are a file of their own, which the test server does
    // not have: the page stays English and says why.
    choose(&root, "#lang", "zh");
    let mut waited = 0;
    while root.query_selector(".notice").unwrap().is_none() && waited < 100 {
        sleep(Duration::from_millis(20)).await;
        waited += 1;
    }
    assert!(
        text(&root, ".notice").contains("中文 could not be loaded"),
        "{}",
        text(&root, ".notice")
    );
    assert!(text(&root, ".playback .play").contains("Play"));
    let app = root.query_selector(".app").unwrap().expect("the app");
    assert_eq!(app.get_attribute("lang").as_deref(), Some("en"));
    // Once they are here, choosing the language shows it at once.
    synack::i18n::catalog::install(Lang::Zh, include_str!("../static/i18n/zh.txt").into())
        .expect("zh.txt reads");
    choose(&root, "#lang", "zh");
    settle().await;
    assert!(text(&root, ".playback .play").contains("播放"));
    assert!(text(&root, ".cards").contains("客户端"));
    assert!(text(&root, ".controls").contains("丢包率"));
    click(&root, "button[aria-label='下一个事件']");
    settle().await;
    assert!(text(&root, ".explanation").contains("客户端发送 SYN seq=0"));
}

#[wasm_bindgen_test]
async fn bad_input_shows_a_message_and_keeps_the_last_valid_run() {
    let root = mount_app(Lang::En).await;
    for bad in ["-5", "abc", "1e12"] {
        type_into(&root, "#c2s-delay", bad);
        settle().await;
        let msg = text(&root, ".field.invalid .field-error");
        assert!(msg.contains("showing the last valid run"), "{bad}: {msg}");
        assert_eq!(
            root.query_selector_all(".event-log li").unwrap().length(),
            3
        );
        assert!(
            text(&root, ".event-log").contains("0.050000 server > client"),
            "the old run stays"
        );
    }
    type_into(&root, "#c2s-delay", "20");
    settle().await;
    assert!(root.query_selector(".field.invalid").unwrap().is_none());
    assert!(text(&root, ".event-log").contains("0.020000 server > client"));
}

/// Each line of the event log, by the segment it names: (data-segment, the tcpdump text).
fn log_lines(root: &web_sys::Element) -> Vec<(usize, String)> {
    let lines = root
        .query_selector_all(".event-log li[data-segment]")
        .unwrap();
    (0..lines.length())
        .map(|i| {
            let li: web_sys::Element = lines.item(i).unwrap().dyn_into().unwrap();
            let id = li.get_attribute("data-segment").unwrap().parse().unwrap();
            let code = li.query_selector("code").unwrap().unwrap();
            (id, code.text_content().unwrap_or_default())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_event_log_window_moves_and_every_line_shows_its_own_segment() {
    let root = mount_app(Lang::En).await;
    type_into(&root, "#data", "140000");
    settle().await;
    let config = synack_sim::Config {
        client: synack_sim::config::ClientConfig {
            data: 140_000,
            ..Default::default()
        },
        ..Default::default()
    };
    let trace = synack_sim::simulate(&config).unwrap();
    let check = |root: &web_sys::Element, first: usize| {
        let lines = log_lines(root);
        let ids: Vec<usize> = lines.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, (first..first + 30).collect::<Vec<_>>());
        for (id, text) in lines {
            let numbered = format!("#{} {}", id + 1, trace.segments[id].tcpdump(true));
            assert_eq!(text, numbered, "line {id}");
        }
    };
    // The window starts at the top, moves by half a window for "later
    // lines", follows the playhead to the end of the run, and moves back for
    // "earlier lines" (every press moves it, even from either end).
    check(&root, 0);
    click(&root, ".event-log li.more:last-child button");
    settle().await;
    check(&root, 15);
    let scrubber: web_sys::HtmlInputElement = root
        .query_selector(".scrubber")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    scrubber.set_value(&scrubber.max());
    fire(&scrubber, "input");
    settle().await;
    let n = trace.segments.len();
    check(&root, n - 30);
    assert!(text(&root, ".event-log li.more:first-child")
        .contains(&format!("{} earlier lines", n - 30)));
    click(&root, ".event-log li.more:first-child button");
    settle().await;
    check(&root, n - 45);
}

#[wasm_bindgen_test]
fn a_crash_shows_the_banner_with_a_way_to_reload() {
    let document = gloo_utils_document();
    let banner = document.create_element("div").unwrap();
    banner.set_id("crash");
    banner.set_attribute("hidden", "").unwrap();
    document.body().unwrap().append_child(&banner).unwrap();
    synack::panic::show_crash("synack crashed: test");
    assert!(!banner.has_attribute("hidden"), "the banner is shown");
    assert!(banner
        .text_content()
        .unwrap()
        .contains("synack crashed: test"));
    let reload = banner.query_selector("a").unwrap().expect("a reload link");
    assert_eq!(reload.get_attribute("href").as_deref(), Some(""));
    banner.remove();
}

/// On wasm32 (the page's target), a pcapng packet claiming nearly 2^32
/// bytes wrapped pcap-file's bounds check and panicked the reader.
#[wasm_bindgen_test]
fn a_pcapng_packet_claiming_4_gb_is_refused_on_32_bits() {
    for captured in [0xFFFF_FFFDu32, 0xFFFF_FFFE, 0xFFFF_FFFF] {
        let mut f = Vec::new();
        for w in [0x0A0D_0D0A, 28, 0x1A2B_3C4D, 1, u32::MAX, u32::MAX, 28]
            .into_iter()
            .chain([1, 20, 1, 0, 20])
            .chain([6, 32, 0, 0, 0, captured, 0, 32])
        {
            f.extend_from_slice(&w.to_le_bytes());
        }
        let got = synack_sim::import::read(&f);
        assert!(
            got.as_ref().map_or(true, |c| c.packets == 0),
            "{captured:#x}"
        );
    }
}
