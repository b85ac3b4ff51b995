use crate::export;
use crate::figure;
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::url::{self, Embed, Settings};
use std::cell::RefCell;
use synack_sim::{Capture, Trace};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// What a link to the current view carries, read when a button is
    /// pressed (the playhead moves every frame; the panel need not redraw).
    pub settings: Shared<RefCell<Settings>>,
    pub trace: Shared<Trace>,
    pub relative: bool,
    pub lang: Lang,
    /// The capture file on show, if any: its figure is titled by it.
    #[prop_or_default]
    pub capture_file: Option<String>,
    /// An exercise waits for its answers: exports would give them away.
    #[prop_or_default]
    pub answers_open: bool,
}

/// The page's own address without its query: where links and embeds point.
pub(crate) fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        // Inside a sandboxed iframe the origin is opaque ("null"): fall back to the href.
        .filter(|u| !u.starts_with("null"))
        .or_else(|| {
            let href = web_sys::window()?.location().href().ok()?;
            Some(
                href.split(['?', '#'])
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .unwrap_or_default()
}

/// Whether this page runs inside another page's frame (the first frame,
/// rendered natively, is for the page on its own).
#[cfg(not(target_arch = "wasm32"))]
fn in_frame() -> bool {
    false
}

/// Whether this page runs inside another page's frame.
#[cfg(target_arch = "wasm32")]
fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| match (w.top(), w.self_()) {
        (Ok(Some(top)), me) => !js_sys::Object::is(&top, &me),
        _ => true,
    })
}

/// Copy the link to `settings`, or its embed code: `copied` shows the text
/// at once, then whether the clipboard took it (it may never answer).
pub(crate) fn copy_link(
    mut settings: Settings,
    embed: bool,
    lang: Lang,
    copied: UseStateHandle<Option<(String, Option<bool>)>>,
) {
    let text = if embed {
        settings.embed = Some(Embed::default());
        url::embed_code(&link_to(&settings), lang)
    } else {
        link_to(&settings)
    };
    copied.set(Some((text.clone(), None)));
    let shown = text.clone();
    export::copy_text(&text, move |ok| copied.set(Some((shown.clone(), Some(ok)))));
}

/// A link that opens `settings`.
pub(crate) fn link_to(settings: &Settings) -> String {
    let q = url::to_query(settings);
    format!("{}{}{}", base_url(), if q.is_empty() { "" } else { "?" }, q)
}

/// Links, embed code and exports of the current run: the capture for
/// Wireshark, the diagram for slides, the trace as JSON.
#[component]
pub fn SharePanel(p: &SharePanelProps) -> Html {
    let s = p.lang.s();
    // What was last copied, and whether the clipboard took it (None: not
    // known yet). The text shows at once: a clipboard may never answer.
    let copied = use_state(|| None::<(String, Option<bool>)>);
    let capture = use_state(|| Capture::Wire);
    let error = use_state(|| None::<String>);
    // The link (or the embed code) is made when the button is pressed.
    let copy = |embed: bool| {
        let (copied, settings, lang) = (copied.clone(), p.settings.clone(), p.lang);
        Callback::from(move |_: MouseEvent| {
            copy_link(settings.borrow().clone(), embed, lang, copied.clone())
        })
    };
    let name = p.settings.borrow().scenario.unwrap_or("synack");
    let report = {
        let error = error.clone();
        move |r: Result<(), wasm_bindgen::JsValue>| {
            error.set(r.err().map(|e| export::describe(&e)));
        }
    };
    let on_pcap = {
        let (trace, capture, report) = (p.trace.clone(), capture.clone(), report.clone());
        let file = format!("{name}-{}.pcap", capture.name());
        Callback::from(move |_: MouseEvent| {
            let bytes = synack_sim::pcap::pcap(&trace, *capture);
            report(export::download(
                &file,
                "application/vnd.tcpdump.pcap",
                &bytes,
            ));
        })
    };
    let svg_of = {
        let (trace, settings, relative, lang) =
            (p.trace.clone(), p.settings.clone(), p.relative, p.lang);
        let capture = p.capture_file.clone();
        move || {
            let s = settings.borrow();
            figure::of_run(
                &trace,
                &s.config,
                s.scenario,
                capture.as_deref(),
                relative,
                lang,
            )
        }
    };
    let on_svg = {
        let (svg_of, report, file) = (svg_of.clone(), report.clone(), format!("{name}.svg"));
        Callback::from(move |_: MouseEvent| {
            report(export::download(
                &file,
                "image/svg+xml",
                svg_of().0.as_bytes(),
            ));
        })
    };
    let on_png = {
        let (error, file, lang) = (error.clone(), format!("{name}.png"), p.lang);
        Callback::from(move |_: MouseEvent| {
            let (svg, w, h) = svg_of();
            // A long run's figure can be taller than any canvas: say so,
            // rather than give no file.
            if !export::png_fits(w, h, 2.0) {
                let tall = crate::i18n::grouped((h * 2.0) as u64);
                return error.set(Some(crate::i18n::fill(
                    lang.s().png_too_big,
                    &[("px", &tall)],
                )));
            }
            let error = error.clone();
            export::download_png(file.clone(), svg, w, h, 2.0, move |e| error.set(Some(e)));
        })
    };
    let on_json = {
        let (trace, file) = (p.trace.clone(), format!("{name}-trace.json"));
        Callback::from(move |_: MouseEvent| {
            // The browser's JSON.stringify: no JSON crate in the bundle for this.
            let json = crate::api::to_js(&*trace)
                .map_err(|e| wasm_bindgen::JsValue::from_str(&e.0))
                .and_then(|v| {
                    js_sys::JSON::stringify_with_replacer_and_space(
                        &v,
                        &wasm_bindgen::JsValue::NULL,
                        &2.into(),
                    )
                })
                .map(String::from);
            report(json.and_then(|j| export::download(&file, "application/json", j.as_bytes())));
        })
    };
    let on_capture = {
        let capture = capture.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            capture.set(Capture::parse(&v).unwrap_or_default());
        })
    };
    let options = [
        (Capture::Wire, s.capture_wire),
        (Capture::Client, s.capture_client),
        (Capture::Server, s.capture_server),
    ];
    html! {
        <div class="share">
            <div class="share-row">
                <button type="button" class="copy-link" onclick={copy(false)}>{ s.copy_link }</button>
                <button type="button" class="copy-embed" onclick={copy(true)}>{ s.copy_embed }</button>
            </div>
            if let Some((text, ok)) = &*copied {
                <p class="hint" role="status">{ match ok { Some(true) => s.copied, Some(false) => s.copy_by_hand, None => "" } }</p>
                <textarea class="copied" readonly=true rows="3" aria-label={s.copy_link} value={text.clone()} />
            }
            if !p.answers_open {
            <div class="share-row">
                <label for="capture">{ s.capture_at }</label>
                <select id="capture" onchange={on_capture}>
                    { for options.iter().map(|(c, label)| html! {
                        <option value={c.name()} selected={*capture == *c}>{ *label }</option>
                    }) }
                </select>
                <button type="button" class="download-pcap" onclick={on_pcap}>{ s.download_pcap }</button>
            </div>
            <div class="share-row">
                <button type="button" class="download-svg" onclick={on_svg}>{ s.download_svg }</button>
                <button type="button" class="download-png" onclick={on_png}>{ s.download_png }</button>
                <button type="button" class="download-json" onclick={on_json}>{ s.download_json }</button>
            </div>
            }
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{ e.clone() }</p>
            }
            // A host page may forbid downloads in its frame, and a browser
            // does not tell the page so: say what to do if nothing arrives.
            if in_frame() {
                <p class="hint in-frame">
                    { s.frame_downloads }{ " " }
                    <a href={link_to(&p.settings.borrow())} target="_blank" rel="noopener">{ s.open_in_tab }</a>
                </p>
            }
        </div>
    }
}
