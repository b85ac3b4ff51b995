//! The page's first frame as static markup, rendered natively at build time
//! (scripts/post-build.sh writes it into dist/index.html). A reader sees the
//! default lesson at once, before the wasm has arrived; the app replaces it
//! when it starts (`crate::start`), drawing the same picture.

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

/// The starts whose first frame index.html holds, by name and URL query:
/// the page with no parameters (in English, or in Chinese for a browser
/// that asks for it), and the default embed. static/first-frame.js shows
/// the one the page starts with, if any.
pub const STARTS: &[(&str, &str)] = &[("en", ""), ("zh", "lang=zh"), ("embed", "embed=1")];

/// The class of the diagram's section: the one part of the page that the
/// frame changes.
const STAGE: &str = r#"class="stage">"#;

/// Every start's first frame, each in a `<template id="first-NAME">` holding
/// a `<div class="first-frame" inert>`: static/first-frame.js, which
/// follows them, puts the one the page starts with (if any) on the page;
/// the others never reach the document. A page is drawn for wide screens
/// with the diagram drawn for phones beside the wide one, and the
/// stylesheet shows the one the app would draw (`.first-wide`,
/// `.first-compact`); an embed's diagram is always compact. Inert: nothing
/// in it can be typed into or pressed before the app is there to answer.
pub fn page() -> Result<String, String> {
    let mut out = String::new();
    for &(name, query) in STARTS {
        let frame = if query.contains("embed") {
            markup_of(query, Frame::COMPACT)
        } else {
            both_stages(
                &markup_of(query, Frame::WIDE),
                &markup_of(query, Frame::COMPACT),
            )
            .ok_or_else(|| format!("{name}: the page has no diagram section"))?
        };
        out.push_str(&format!(
            r#"<template id="first-{name}"><div class="first-frame" inert>{frame}</div></template>"#
        ));
    }
    out.push_str(r#"<script src="./first-frame.js"></script>"#);
    Ok(out)
}

/// A hidden copy's markup with ids of its own: the ids that its drawings
/// refer to (`url(#arrow)`) get `suffix`, since a reference finds the first
/// element of that id in the page, and one in a hidden copy draws nothing;
/// its controls' ids and labels' `for` become `data-id` and `data-for`
/// (the controls are the shown copy's).
fn own_ids(part: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    loop {
        let next = [" id=\"", " for=\""]
            .into_iter()
            .filter_map(|attr| Some((rest.find(attr)?, attr)))
            .min();
        let Some((at, attr)) = next else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + attr.len()..];
        let value = rest.split('"').next().unwrap_or_default();
        match attr {
            " id=\"" if part.contains(&format!("url(#{value})")) => {
                out.push_str(&format!(" id=\"{value}-{suffix}"));
                rest = &rest[value.len()..];
            }
            " id=\"" => out.push_str(" data-id=\""),
            _ => out.push_str(" data-for=\""),
        }
    }
    out.push_str(rest);
    // References to the renamed ids follow them.
    let mut referred: Vec<&str> = part
        .match_indices("url(#")
        .filter_map(|(at, _)| part[at + 5..].split(')').next())
        .collect();
    referred.sort_unstable();
    referred.dedup();
    referred.into_iter().fold(out, |out, id| {
        out.replace(&format!("url(#{id})"), &format!("url(#{id}-{suffix})"))
    })
}

/// The wide page with the compact page's diagram beside its own.
fn both_stages(wide: &str, compact: &str) -> Option<String> {
    let stage = |page: &str| -> Option<(usize, usize)> {
        let start = page[..page.find(STAGE)?].rfind("<section")?;
        // The stage holds no section of its own: its end is the next one.
        let end = start + page[start..].find("</section>")? + "</section>".len();
        Some((start, end))
    };
    let ((ws, we), (cs, ce)) = stage(wide).zip(stage(compact))?;
    let mark =
        |part: &str, class: &str| part.replacen(STAGE, &format!(r#"class="stage {class}">"#), 1);
    Some(format!(
        "{}{}{}{}",
        &wide[..ws],
        mark(&wide[ws..we], "first-wide"),
        own_ids(&mark(&compact[cs..ce], "first-compact"), "compact"),
        &wide[we..]
    ))
}

/// The default page (no URL parameters, English) drawn for `frame`.
pub fn markup(frame: Frame) -> String {
    markup_of("", frame)
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
        notices: Vec::new(),
        remote: None,
        on_drawn: None,
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

    /// Each start's template, by name.
    fn templates() -> Vec<(String, String)> {
        let page = page().unwrap();
        page.split(r#"<template id="first-"#)
            .skip(1)
            .map(|t| {
                let (name, rest) = t.split_once('"').unwrap();
                (
                    name.to_string(),
                    rest.split("</template>").next().unwrap().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_start_has_its_frame_with_its_lesson_and_both_diagrams() {
        let frames = templates();
        let names: Vec<_> = frames.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["en", "zh", "embed"]);
        let (en, zh, embed) = (&frames[0].1, &frames[1].1, &frames[2].1);
        for frame in [en, zh, embed] {
            assert!(
                frame.starts_with(r#"><div class="first-frame" inert>"#),
                "inert: {}",
                &frame[..60]
            );
            // The lesson was there to draw: no "…" waiting for it.
            assert!(!frame.contains("aria-busy"), "a lesson is missing");
        }
        assert!(en.contains("The server has called listen()"));
        assert!(zh.contains("客户端") && !zh.contains(">Client<"));
        // A page has a diagram for each width; an embed only the compact one.
        for frame in [en, zh] {
            assert_eq!(frame.matches("first-wide").count(), 1);
            assert_eq!(frame.matches("first-compact").count(), 1);
        }
        assert!(!embed.contains("first-wide") && embed.contains("class=\"app embed"));
    }

    #[test]
    fn every_drawn_reference_finds_its_own_copy_and_controls_keep_their_ids() {
        for (name, frame) in templates() {
            // A reference finds the first element of its id: the two
            // diagrams of a page must not share one (one is always hidden).
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
            // The labels still name their controls.
            for (at, _) in frame.match_indices(" for=\"") {
                let id = frame[at + 6..].split('"').next().unwrap();
                assert!(ids.contains(&id), "{name}: a label for {id} finds nothing");
            }
        }
    }
}
