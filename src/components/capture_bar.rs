use crate::capture_reader::CaptureError;
use crate::i18n::Lang;
use crate::state::{Action, Imported};
use std::cell::Cell;
use std::rc::Rc;
use synack_sim::import::{self, ImportError};
use synack_sim::Side;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CaptureBarProps {
    pub imported: Option<Rc<Imported>>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// What the last file chosen is doing, until the next one.
    pub status: Option<FileStatus>,
    pub on_file: Callback<web_sys::File>,
    /// Stop reading the file being read.
    pub on_stop: Callback<MouseEvent>,
}

/// What the bar says of the last file chosen: that it is being read, or why
/// it cannot be shown.
#[derive(Clone, PartialEq)]
pub enum FileStatus {
    Reading(String),
    Failed(String, CaptureError),
}

/// Read a file the user chose or dropped, and show it or say why not. The
/// size is checked before reading: a huge file is refused, not loaded. Of
/// files chosen one after another, the last one chosen is shown, whichever
/// is read first (`latest` counts the choices, and Stop). The reader moves
/// the `.reading progress` bar inside `root` as it goes.
pub fn open_file(
    file: web_sys::File,
    dispatch: Callback<Action>,
    status: UseStateHandle<Option<FileStatus>>,
    latest: Rc<Cell<u64>>,
    root: Option<web_sys::Element>,
) {
    let this = latest.get() + 1;
    latest.set(this);
    // A file chosen now replaces any still being read.
    crate::assets::cancel_capture();
    let name = file.name();
    let current = move || latest.get() == this;
    let fail = {
        let (name, current, status) = (name.clone(), current.clone(), status.clone());
        move |e: CaptureError| {
            if current() {
                // Stopped for a file chosen after it: nothing to report.
                if e != CaptureError::Cancelled {
                    status.set(Some(FileStatus::Failed(name.clone(), e)));
                }
            }
        }
    };
    let size = file.size();
    if size > import::MAX_FILE_BYTES as f64 {
        fail(CaptureError::File(ImportError::TooLarge {
            bytes: size as usize,
        }));
        return;
    }
    status.set(Some(FileStatus::Reading(name.clone())));
    let reading = Reading {
        file,
        dispatch,
        status,
        current: Rc::new(current),
        root,
        file_name: name,
        fail: Rc::new(fail),
    };
    wasm_bindgen_futures::spawn_local(async move {
        // The reading's code comes with the first file opened.
        let told = reading.fail.clone();
        if read_later(reading).await.is_err() {
            told(CaptureError::NotLoaded);
        }
    });
}

/// A file being read, and where its capture or its failure goes.
struct Reading {
    file: web_sys::File,
    dispatch: Callback<Action>,
    status: UseStateHandle<Option<FileStatus>>,
    /// Whether the file is still the latest chosen.
    current: Rc<dyn Fn() -> bool>,
    root: Option<web_sys::Element>,
    file_name: String,
    /// Says why the file cannot be shown.
    fail: Rc<dyn Fn(CaptureError)>,
}

crate::split!(capture: fn read_later(reading: Reading) -> () {
    read_file(reading)
});

/// Read the file's bytes in the reader and show its first connection.
fn read_file(r: Reading) {
    let Reading {
        file,
        dispatch,
        status,
        current,
        root,
        file_name,
        fail,
    } = r;
    wasm_bindgen_futures::spawn_local(async move {
        let buffer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buf) => buf.unchecked_into::<js_sys::ArrayBuffer>(),
            Err(e) => return fail(CaptureError::Reader(crate::export::describe(&e))),
        };
        if !current() {
            return;
        }
        let read = crate::capture_reader::read(&buffer, root.as_ref()).await;
        if !current() {
            return;
        }
        match read {
            Ok(capture) => {
                status.set(None);
                let stream = Imported::first_stream(&capture);
                dispatch.emit(Action::ShowCapture(Rc::new(Imported {
                    file: file_name,
                    capture: Rc::new(capture),
                    stream,
                })));
            }
            Err(e) => fail(e),
        }
    });
}

/// Open a real capture, pick one of its connections, or go back to the
/// simulation. Files can also be dropped anywhere on the page.
/// How many connections the picker lists at once: a capture of a SYN flood
/// or a port scan has hundreds of thousands.
const LISTED: usize = 200;

/// The connections the picker lists: those whose name holds `filter`, most
/// packets first (then in file order), at most `LISTED`, and always the one
/// on show. Also how many matched.
fn listed(imp: &Imported, filter: &str) -> (Vec<usize>, usize) {
    let streams = &imp.capture.streams;
    let size = |i: usize| streams[i].packets.len() + streams[i].dropped;
    let mut matching: Vec<usize> = (0..streams.len())
        .filter(|&i| filter.is_empty() || streams[i].name().contains(filter))
        .collect();
    let count = matching.len();
    synack_sim::sort::sort_stable_by_key(&mut matching, |&i| u128::from(u64::MAX - size(i) as u64));
    matching.truncate(LISTED);
    if !matching.contains(&imp.stream) {
        matching.insert(0, imp.stream);
    }
    (matching, count)
}

#[component]
pub fn CaptureBar(p: &CaptureBarProps) -> Html {
    let s = p.lang.s();
    let on_input = {
        let on_file = p.on_file.clone();
        Callback::from(move |e: Event| {
            let input: Option<web_sys::HtmlInputElement> =
                e.target().and_then(|t| t.dyn_into().ok());
            if let Some(file) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            {
                on_file.emit(file);
            }
            // The same file can be chosen again after a change.
            if let Some(i) = input {
                i.set_value("");
            }
        })
    };
    let picker = html! {
        <label class="open-capture">
            <input type="file" accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap" onchange={on_input} />
            <span class="button-like">{ s.open_capture }</span>
        </label>
    };
    let error = p.status.as_ref().map(|st| match st {
        FileStatus::Failed(file, e) => html! {
            <p class="field-error" role="alert">{ crate::i18n::capture_error(p.lang, file, e) }</p>
        },
        // Shown only if reading takes a while (style.css), so a small file does not flash it.
        FileStatus::Reading(file) => html! {
            <p class="reading" role="status">
                { crate::i18n::fill(s.reading_capture, &[("file", file)]) }
                <progress max="1"></progress>
                <button type="button" onclick={p.on_stop.clone()}>{ s.stop_reading }</button>
            </p>
        },
    });

    let Some(imp) = &p.imported else {
        return html! {
            <div class="capture-bar">
                { picker }
                <span class="hint">{ s.drop_capture }</span>
                { error.unwrap_or_default() }
            </div>
        };
    };
    // The capture on show, drawn by code that comes with the first file.
    let tail = html! { <>{ picker }{ error.unwrap_or_default() }</> };
    crate::later::later(
        &CAPTURE_SHOWN,
        CaptureShownProps {
            imported: imp.clone(),
            lang: p.lang,
            dispatch: p.dispatch.clone(),
            tail,
        },
        p.lang,
    )
}

#[derive(Properties, PartialEq, Clone)]
pub struct CaptureShownProps {
    pub imported: Rc<Imported>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// The file picker and what the last file chosen is doing.
    pub tail: Html,
}

/// A capture on show: its file, the connection picker (filtered when it
/// has many), what the capture point tells, and the way back.
#[component]
fn CaptureShown(p: &CaptureShownProps) -> Html {
    let s = p.lang.s();
    let filter = use_state(String::new);
    let imp = &p.imported;
    let on_stream = {
        let (d, imp) = (p.dispatch.clone(), imp.clone());
        Callback::from(move |e: Event| {
            let i = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(0);
            d.emit(Action::ShowCapture(Rc::new(Imported {
                stream: i,
                ..(*imp).clone()
            })));
        })
    };
    let close = p.dispatch.reform(|_: MouseEvent| Action::CloseCapture);
    let (list, matching) = listed(imp, filter.trim());
    let stream = imp.capture.streams.get(imp.stream);
    let inferred = stream.map(|st| match import::vantage(st) {
        import::Vantage::Loopback => s.capture_loopback.to_string(),
        import::Vantage::At { side, delay_us } => {
            let lead = if side == Side::Client {
                s.capture_inferred_client
            } else {
                s.capture_inferred_server
            };
            let delay = match delay_us {
                Some(d) => s.capture_one_way.replace(
                    "{d}",
                    &crate::i18n::duration(p.lang, synack_sim::Duration(d)),
                ),
                None => s.capture_delay_unknown.to_string(),
            };
            format!("{lead}{delay}")
        }
    });
    html! {
        <div class="capture-bar imported" role="status">
            <strong>{ format!("{}: {}", s.capture_file, imp.file) }</strong>
            <label>
                { format!("{} ", s.stream) }
                <select id="stream" onchange={on_stream} disabled={imp.capture.streams.len() < 2}>
                    { for list.iter().filter_map(|&i| {
                        let st = imp.capture.streams.get(i)?;
                        Some(html! {
                            <option value={i.to_string()} selected={i == imp.stream}>
                                { format!("{} ({})", st.name(), crate::i18n::segments(p.lang, (st.packets.len() + st.dropped) as u64)) }
                            </option>
                        })
                    }) }
                </select>
            </label>
            if imp.capture.streams.len() > LISTED {
                <input type="search" class="stream-filter" aria-label={s.stream_filter} placeholder={s.stream_filter}
                       value={(*filter).clone()}
                       oninput={{ let filter = filter.clone(); Callback::from(move |e: InputEvent| {
                           filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
                       }) }} />
                <span class="hint">{ crate::i18n::fill(s.streams_listed, &[
                    // Of those that match: not the one on show, listed whatever the filter.
                    ("shown", &crate::i18n::grouped(matching.min(LISTED) as u64)),
                    ("matching", &crate::i18n::grouped(matching as u64)),
                    ("total", &crate::i18n::grouped(imp.capture.streams.len() as u64)),
                ]) }</span>
            }
            if let Some(text) = inferred { <span class="hint">{ text }</span> }
            if imp.capture.truncated { <span class="hint">{ s.capture_truncated }</span> }
            if let Some(st) = stream.filter(|st| st.dropped > 0) {
                <span class="hint">{ crate::i18n::fill(s.stream_cut, &[
                    ("kept", &crate::i18n::grouped(st.packets.len() as u64)),
                    ("dropped", &crate::i18n::grouped(st.dropped as u64)),
                ]) }</span>
            }
            <button type="button" class="close-capture" onclick={close}>{ s.back_to_simulation }</button>
            { p.tail.clone() }
        </div>
    }
}

crate::part!(capture: CAPTURE_SHOWN, fetch_capture_shown, CaptureShownProps => CaptureShown);
