//! The page's first frame as static markup, rendered natively at build time
//! for the commonest starts (scripts/post-build.sh writes it into
//! dist/index.html). A reader sees the lesson at once, before the wasm has
//! arrived; the app replaces it when it starts (`crate::start`), drawing the
//! same picture.

use crate::app::{App, AppProps};
use crate::geometry::Frame;
use crate::i18n::Lang;
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

thread_local! {
    /// The frame the page is rendered for (natively there is no window to measure).
    static FRAME: Cell<Frame> = const { Cell::new(Frame::WIDE) };
}

/// The frame a native render draws for.
pub fn frame() -> Frame {
    FRAME.with(Cell::get)
}

/// The starts whose first frames index.html holds, by name, URL query and
/// frames: the page with no parameters (in English, or in Chinese for a
/// browser that asks for it) and the default embed, whose diagram is always
/// compact. static/first-frame.js shows the one the page starts with.
pub const STARTS: &[(&str, &str, &[Frame])] = &[
    ("en", "", &[Frame::WIDE, Frame::COMPACT]),
    ("zh", "lang=zh", &[Frame::WIDE, Frame::COMPACT]),
    ("embed", "embed=1", &[Frame::COMPACT]),
];

/// A frame's name in a template's id, as static/first-frame.js picks it.
fn frame_name(frame: Frame) -> &'static str {
    if frame == Frame::COMPACT {
        "compact"
    } else {
        "wide"
    }
}

/// Every start's first frame for each width, each in a
/// `<template id="first-NAME-FRAME">`, and the script that follows them
/// and shows the one the page starts with, if any (static/first-frame.js):
/// the others never reach the document. The same templates compress to
/// little more than one (gzip finds each in the last).
pub fn page() -> String {
    let mut out = String::new();
    for &(name, query, frames) in STARTS {
        for &frame in frames {
            out.push_str(&format!(
                r#"<template id="first-{name}-{}">{}</template>"#,
                frame_name(frame),
                markup_of(query, frame)
            ));
        }
    }
    out.push_str(r#"<script src="./first-frame.js"></script>"#);
    out
}

/// The page that the URL query `query` opens, drawn for `frame`.
pub fn markup_of(query: &str, frame: Frame) -> String {
    FRAME.with(|f| f.set(frame));
    let (settings, _) = crate::url::parse(query);
    // The app fetches its lesson; here it is read from the source tree.
    let scenario = settings.scenario.unwrap_or(crate::url::DEFAULT_SCENARIO);
    let lang = settings.lang.unwrap_or(Lang::En);
    if crate::lesson::loaded(scenario, lang).is_none() {
        if let Ok(lesson) = crate::lesson::bundled(scenario, lang) {
            crate::lesson::install(scenario, lang, std::rc::Rc::new(lesson));
        }
    }
    let props = AppProps {
        settings,
        ..Default::default()
    };
    let render = yew::LocalServerRenderer::<App>::with_props(props)
        .hydratable(false)
        .render();
    // Nothing in the first frame waits (no suspense): one poll finishes it.
    match pin!(render)
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(html) => html,
        Poll::Pending => unreachable!("the first frame never suspends"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each template, by id.
    fn templates() -> Vec<(String, String)> {
        page()
            .split(r#"<template id="first-"#)
            .skip(1)
            .map(|t| {
                let (name, rest) = t.split_once('"').unwrap();
                let inside = rest[1..].split("</template>").next().unwrap();
                (name.to_string(), inside.to_string())
            })
            .collect()
    }

    #[test]
    fn every_start_has_a_frame_for_each_width_with_its_lesson() {
        let frames = templates();
        let names: Vec<_> = frames.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "en-wide",
                "en-compact",
                "zh-wide",
                "zh-compact",
                "embed-compact"
            ]
        );
        for (name, frame) in &frames {
            // The lesson was there to draw: no "…" waiting for it.
            assert!(!frame.contains("aria-busy"), "{name}: a lesson is missing");
            assert!(
                frame.contains("class=\"lane-line\""),
                "{name}: the lanes are drawn"
            );
            let compact = frame.contains(r#"class="sequence compact""#);
            assert_eq!(
                compact,
                name.ends_with("compact"),
                "{name}: drawn for its width"
            );
        }
        assert!(frames[0].1.contains("The server has called listen()"));
        assert!(frames[2].1.contains("客户端") && !frames[2].1.contains(">Client<"));
        assert!(frames[4].1.contains(r#"class="app embed"#));
    }

    #[test]
    fn every_drawn_reference_finds_its_mark_and_every_label_its_control() {
        for (name, frame) in templates() {
            let mut ids: Vec<&str> = frame
                .match_indices(" id=\"")
                .map(|(at, _)| frame[at + 5..].split('"').next().unwrap())
                .collect();
            let all = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), all, "{name}: an id is used twice");
            for (at, _) in frame.match_indices("url(#") {
                let id = frame[at + 5..].split(')').next().unwrap();
                assert!(ids.contains(&id), "{name}: url(#{id}) finds nothing");
            }
            for (at, _) in frame.match_indices(" for=\"") {
                let id = frame[at + 6..].split('"').next().unwrap();
                assert!(ids.contains(&id), "{name}: a label for {id} finds nothing");
            }
        }
    }
}
