use super::markup_list;
use super::segment_arrow::escape_into;
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::Veil;
use std::fmt::Write;
use std::rc::Rc;
use synack_sim::trace::SegmentRecord;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub trace: Shared<Trace>,
    /// For each segment's Wireshark tag.
    pub layout: Shared<crate::geometry::Layout>,
    pub relative: bool,
    pub lang: Lang,
    /// The latest segment sent at or before the playhead.
    pub current: Option<usize>,
    pub selected: Option<usize>,
    /// A line was clicked: jump there and inspect that segment.
    pub on_select: Callback<usize>,
    /// Its drop button was clicked.
    pub on_toggle: Callback<usize>,
    /// What of each segment is hidden (the quiz, an exercise), by id.
    #[prop_or_default]
    pub veils: Shared<Vec<Veil>>,
    /// Nothing can be dropped: a capture is what happened, and an exercise
    /// waiting for its answers keeps its run.
    #[prop_or_default]
    pub fixed: bool,
}

/// How many lines the log renders at once. Long runs have hundreds of
/// segments; building every line on each edit cost more than a frame, so the
/// log shows a window that follows the playhead (and can be moved).
const WINDOW: usize = 30;

/// The first line of the window when it is centred on the current line.
fn centred_start(len: usize, current: Option<usize>) -> isize {
    let max = len.saturating_sub(WINDOW) as isize;
    (current.unwrap_or(0) as isize - (WINDOW / 2) as isize).clamp(0, max)
}

/// The first line of the window: centred on the current line, shifted by the user.
fn window_start(len: usize, current: Option<usize>, shift: isize) -> usize {
    let max = len.saturating_sub(WINDOW) as isize;
    (centred_start(len, current) + shift).clamp(0, max) as usize
}

/// An element of the log, in the order of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Earlier,
    Line(usize),
    Later,
}

/// Every segment as tcpdump prints it, in step with the playhead: lines not
/// yet reached are dimmed, the current one is marked and kept in view.
///
/// The lines are markup patched by key ([`markup_list`]): an edit that brings
/// in a new run parses the window in one call instead of building its nodes
/// one by one, an edit that moves every line's time sets their texts, and
/// playback touches the two or three lines whose status changed. One click
/// handler on the list serves every button.
#[component]
pub fn EventLog(p: &EventLogProps) -> Html {
    // `_eq`: putting back a zero that is already there must not render the log again.
    let shift = use_state_eq(|| 0isize);
    {
        // The window comes back to the playhead when it moves or the run changes.
        let shift = shift.clone();
        use_effect_with((p.current, p.trace.clone()), move |_| shift.set(0));
    }
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with(p.current, move |&current| {
            // Scroll the log itself (not the page) so the current line is in
            // view. Reading offsets forces a layout: do it at the start of the
            // next frame, not in the middle of this render, where every later
            // DOM change would make the browser lay out the page again.
            let scroll = move || {
                if let (Some(ul), Some(i)) = (list.cast::<web_sys::Element>(), current) {
                    if let Ok(Some(li)) = ul.query_selector(&format!("[data-segment='{i}']")) {
                        let li: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(li);
                        let target = li.offset_top() - ul.client_height() / 2;
                        ul.set_scroll_top(target.max(0));
                    }
                }
            };
            let f = wasm_bindgen::closure::Closure::once_into_js(scroll);
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&f));
            }
        });
    }
    let current_sent = p.current.map(|i| p.trace.segments[i].sent_us);
    let len = p.trace.segments.len();
    let start = window_start(len, p.current, *shift);
    let end = (start + WINDOW).min(len);
    let mut items = Vec::with_capacity(end - start + 2);
    if start > 0 {
        let label = p.lang.s().earlier_lines.replace("{n}", &start.to_string());
        items.push(LogItem::More(Key::Earlier, label));
    }
    for seg in &p.trace.segments[start..end] {
        let look = LineLook {
            future: current_sent.is_none_or(|t| seg.sent_us > t),
            current: p.current == Some(seg.id),
            selected: p.selected == Some(seg.id),
            veil: super::sequence_diagram::veil_of(&p.veils, seg.id),
            relative: p.relative,
            fixed: p.fixed,
        };
        let tag = p.layout.arrows.get(seg.id).and_then(|a| a.tag);
        items.push(LogItem::Line(Line::new(seg, look, tag, p.lang)));
    }
    if end < len {
        let n = len - end;
        let label = p.lang.s().later_lines.replace("{n}", &n.to_string());
        items.push(LogItem::More(Key::Later, label));
    }
    // Rendered natively (the first frame in index.html), the items are
    // written into the list's markup: there are no effects to fill it.
    #[cfg(not(target_arch = "wasm32"))]
    let first_frame = {
        let mut markup = String::new();
        for item in &items {
            markup_list::Item::write_markup(item, &mut markup);
        }
        Html::from_html_unchecked(markup.into())
    };
    {
        // The items now in the list, to diff the next ones against.
        let shown = use_mut_ref(Vec::<LogItem>::new);
        let list = list.clone();
        use_effect_with(Rc::new(items), move |items| {
            if let Some(ol) = list.cast::<web_sys::Element>() {
                let focus = focused_button(&ol);
                let mut shown = shown.borrow_mut();
                // Anything else touching the list would put it out of step: start afresh.
                let patch = if ol.child_element_count() as usize == shown.len() {
                    markup_list::diff(&shown, items)
                } else {
                    markup_list::Patch::Rebuild
                };
                markup_list::apply(&ol, &shown, items, &patch);
                *shown = (**items).clone();
                if let Some(selector) = focus {
                    refocus(&ol, &selector);
                }
            }
        });
    }
    let onclick = {
        let (on_select, on_toggle, shift, list) = (
            p.on_select.clone(),
            p.on_toggle.clone(),
            shift.clone(),
            list.clone(),
        );
        // A shift is kept relative to the centred window, and set from where the
        // window really is, so every press moves it (none is spent at an end).
        let centred = centred_start(len, p.current);
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            let Some(li) = button.closest("li").ok().flatten() else {
                return;
            };
            let half = (WINDOW / 2) as isize;
            match li.get_attribute("data-more").as_deref() {
                Some("earlier") => shift.set(start as isize - half - centred),
                Some(_) => shift.set(start as isize + half - centred),
                None => {
                    let id = li
                        .get_attribute("data-segment")
                        .and_then(|v| v.parse::<usize>().ok());
                    if let Some(id) = id.filter(|&id| id < len) {
                        if let Some(ol) = list.cast::<web_sys::Element>() {
                            keep_on_screen(ol);
                        }
                        if button.matches(".toggle").unwrap_or(false) {
                            on_toggle.emit(id)
                        } else {
                            on_select.emit(id)
                        }
                    }
                }
            }
        })
    };
    #[cfg(not(target_arch = "wasm32"))]
    return html! { <ol class="event-log" ref={list} {onclick}>{ first_frame }</ol> };
    #[cfg(target_arch = "wasm32")]
    html! { <ol class="event-log" ref={list} {onclick} /> }
}

/// Selecting a segment fills the inspector above the log, which would push
/// the log, and the button just pressed, down the page: after the render the
/// click causes (and before it is painted), the page scrolls the log back to
/// where it was on screen.
fn keep_on_screen(ol: web_sys::Element) {
    let before = ol.get_bounding_client_rect().top();
    let restore = move || {
        let moved = ol.get_bounding_client_rect().top() - before;
        if let (true, Some(w)) = (moved.abs() >= 1.0, web_sys::window()) {
            w.scroll_by_with_x_and_y(0.0, moved);
        }
    };
    let f = wasm_bindgen::closure::Closure::once_into_js(restore);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&f));
    }
}

/// What a line shows besides its segment.
#[derive(Clone, Copy)]
struct LineLook {
    future: bool,
    current: bool,
    selected: bool,
    /// What of the segment is a question, so hidden.
    veil: Veil,
    relative: bool,
    /// No drop button.
    fixed: bool,
}

/// An element of the log: a line, or a button that moves the window.
#[derive(Clone, PartialEq)]
enum LogItem {
    /// "⋯ 30 earlier lines".
    More(Key, String),
    Line(Line),
}

/// One line, as it is drawn: a button that jumps to the segment (its
/// tcpdump text, its fate, whether it was a retransmission) and one that
/// drops it or lets it through.
#[derive(Clone, PartialEq)]
struct Line {
    id: usize,
    class: String,
    current: bool,
    text: String,
    fate: String,
    /// What Wireshark's analysis calls it: `[Dup ACK]`.
    tag: Option<String>,
    /// Injected segments (a flood's) cannot be dropped.
    toggle: Option<&'static str>,
}

impl Line {
    fn new(
        seg: &SegmentRecord,
        look: LineLook,
        tag: Option<synack_sim::analysis::Tag>,
        lang: Lang,
    ) -> Line {
        let s = lang.s();
        let classes = [
            (seg.lost, "lost"),
            (look.future, "future"),
            (look.current, "current"),
            (look.selected, "selected"),
        ];
        let class: Vec<&str> = classes
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, c)| *c)
            .collect();
        Line {
            id: seg.id,
            class: class.join(" "),
            current: look.current,
            // Numbered from 1, as `drop=c2s:1` counts.
            text: match look.veil {
                Veil::Whole => format!(
                    "#{} {} ? > ?: Flags [?], …",
                    seg.id + 1,
                    crate::geometry::seconds(seg.sent_us)
                ),
                Veil::Fields(b) => {
                    format!("#{} {}", seg.id + 1, seg.tcpdump_blanked(look.relative, b))
                }
                Veil::Open => format!("#{} {}", seg.id + 1, seg.tcpdump(look.relative)),
            },
            fate: if seg.lost {
                format!("✕ {}", s.lost)
            } else if seg.arrive_us.is_none() {
                format!("? {}", s.not_seen_arriving)
            } else {
                format!("✓ {}", s.delivered)
            },
            tag: match tag {
                // A tag tells the flags ([Dup ACK]): hidden with them.
                Some(t)
                    if look.veil == Veil::Open
                        || matches!(look.veil, Veil::Fields(b) if !b.flags) =>
                {
                    Some(format!("[{}]", crate::i18n::tag(lang, t)))
                }
                _ => seg
                    .retransmission
                    .then(|| format!("↻ {}", s.retransmission)),
            },
            toggle: (!seg.injected && !look.fixed).then_some(if seg.lost {
                s.let_through
            } else {
                s.drop
            }),
        }
    }
}

impl markup_list::Item for LogItem {
    type Key = Key;

    fn key(&self) -> Key {
        match self {
            LogItem::More(key, _) => *key,
            LogItem::Line(line) => Key::Line(line.id),
        }
    }

    fn write_markup(&self, out: &mut String) {
        let line = match self {
            LogItem::More(key, label) => {
                let which = if *key == Key::Earlier {
                    "earlier"
                } else {
                    "later"
                };
                let _ = write!(
                    out,
                    "<li class=\"more\" data-more=\"{which}\"><button type=\"button\">"
                );
                escape_into(out, label);
                out.push_str("</button></li>");
                return;
            }
            LogItem::Line(line) => line,
        };
        let _ = write!(
            out,
            "<li class=\"{}\" data-segment=\"{}\"",
            line.class, line.id
        );
        if line.current {
            out.push_str(" aria-current=\"step\"");
        }
        out.push_str("><button type=\"button\" class=\"line\"><code>");
        escape_into(out, &line.text);
        out.push_str("</code><span class=\"fate\">");
        escape_into(out, &line.fate);
        out.push_str("</span>");
        if let Some(tag) = &line.tag {
            out.push_str("<span class=\"rtx-tag\">");
            escape_into(out, tag);
            out.push_str("</span>");
        }
        out.push_str("</button>");
        if let Some(label) = line.toggle {
            out.push_str("<button type=\"button\" class=\"toggle\" aria-label=\"");
            escape_into(out, label);
            let _ = write!(out, " #{}\">", line.id + 1);
            escape_into(out, label);
            out.push_str("</button>");
        }
        out.push_str("</li>");
    }

    fn patchable_from(&self, old: &Self) -> bool {
        match (self, old) {
            (LogItem::More(..), LogItem::More(..)) => true,
            (LogItem::Line(new), LogItem::Line(old)) => {
                new.tag.is_some() == old.tag.is_some()
                    && new.toggle.is_some() == old.toggle.is_some()
            }
            _ => false,
        }
    }

    /// Only what changed is set: after an edit that moves every line's time,
    /// the lines out of view (most of them) need no layout at all.
    fn patch(&self, old: &Self, li: &web_sys::Element) {
        let set_text = |el: Option<web_sys::Element>, old: &str, new: &str| {
            if old != new {
                if let Some(el) = el {
                    el.set_text_content(Some(new));
                }
            }
        };
        let (new, old) = match (self, old) {
            (LogItem::More(_, new), LogItem::More(_, old)) => {
                return set_text(li.first_element_child(), old, new);
            }
            (LogItem::Line(new), LogItem::Line(old)) => (new, old),
            _ => return,
        };
        if new.class != old.class {
            let _ = li.set_attribute("class", &new.class);
        }
        if new.current != old.current {
            let _ = if new.current {
                li.set_attribute("aria-current", "step")
            } else {
                li.remove_attribute("aria-current")
            };
        }
        let code = li
            .first_element_child()
            .and_then(|b| b.first_element_child());
        let fate = code.as_ref().and_then(|c| c.next_element_sibling());
        let tag = fate.as_ref().and_then(|f| f.next_element_sibling());
        set_text(code, &old.text, &new.text);
        set_text(fate, &old.fate, &new.fate);
        if let (Some(old_tag), Some(new_tag)) = (&old.tag, &new.tag) {
            set_text(tag, old_tag, new_tag);
        }
        if let (Some(old_label), Some(label)) = (old.toggle, new.toggle) {
            if old_label != label {
                if let Some(button) = li.last_element_child() {
                    button.set_text_content(Some(label));
                    let _ = button.set_attribute("aria-label", &format!("{label} #{}", new.id + 1));
                }
            }
        }
    }
}

/// Where keyboard focus is inside the list, as a selector that finds the
/// same button again after its line has been replaced.
fn focused_button(ol: &web_sys::Element) -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    let li = active
        .closest("li")
        .ok()
        .flatten()
        .filter(|li| ol.contains(Some(li)))?;
    let button = if active.matches(".toggle").unwrap_or(false) {
        ".toggle"
    } else {
        "button:first-child"
    };
    match (
        li.get_attribute("data-segment"),
        li.get_attribute("data-more"),
    ) {
        (Some(id), _) => Some(format!("li[data-segment='{id}'] {button}")),
        (_, Some(which)) => Some(format!("li[data-more='{which}'] button")),
        _ => None,
    }
}

/// Focus goes back to the button that had it, if its element was replaced.
fn refocus(ol: &web_sys::Element, selector: &str) {
    let still = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| ol.contains(Some(&a)));
    if !still {
        if let Ok(Some(button)) = ol.query_selector(selector) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(button).focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_playhead_and_stays_in_bounds() {
        assert_eq!(
            window_start(10, Some(9), 0),
            0,
            "short runs show every line"
        );
        assert_eq!(window_start(500, None, 0), 0);
        assert_eq!(window_start(500, Some(250), 0), 235);
        assert_eq!(window_start(500, Some(490), 0), 470);
        assert_eq!(window_start(500, Some(250), -1000), 0);
        assert_eq!(window_start(500, Some(250), 15), 250);
        // At either end the centred window is clamped; a shift moves from there.
        assert_eq!(window_start(194, None, 15), 15);
        assert_eq!(window_start(194, Some(193), -15), 149);
    }
}
