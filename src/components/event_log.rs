use crate::i18n::Lang;
use crate::shared::Shared;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub trace: Shared<Trace>,
    pub relative: bool,
    pub lang: Lang,
    /// The latest segment sent at or before the playhead.
    pub current: Option<usize>,
    pub selected: Option<usize>,
    /// A line was clicked: jump there and inspect that segment.
    pub on_select: Callback<usize>,
    /// Its drop button was clicked.
    pub on_toggle: Callback<usize>,
    /// Segments whose numbers stay hidden (quiz mode), by id.
    #[prop_or_default]
    pub masked: Shared<Vec<bool>>,
}

/// How many lines the log renders at once. Long runs have hundreds of
/// segments; building every line on each edit cost more than a frame, so the
/// log shows a window that follows the playhead (and can be moved).
const WINDOW: usize = 60;

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

/// Every segment as tcpdump prints it, in step with the playhead: lines not
/// yet reached are dimmed, the current one is marked and kept in view.
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
    let lang = p.lang;
    // A shift is kept relative to the centred window, and set from where the
    // window really is, so every press moves it (none is spent at an end).
    let centred = centred_start(len, p.current);
    let move_by = |delta: isize| {
        let shift = shift.clone();
        let to = start as isize + delta - centred;
        Callback::from(move |_: MouseEvent| shift.set(to))
    };
    let earlier = (start > 0).then(|| {
        let label = if lang == Lang::Zh { format!("⋯ 前面还有 {start} 行") } else { format!("⋯ {start} earlier lines") };
        html! { <li key="earlier" class="more"><button type="button" onclick={move_by(-((WINDOW / 2) as isize))}>{ label }</button></li> }
    });
    let later = (end < len).then(|| {
        let n = len - end;
        let label = if lang == Lang::Zh { format!("⋯ 后面还有 {n} 行") } else { format!("⋯ {n} later lines") };
        html! { <li key="later" class="more"><button type="button" onclick={move_by((WINDOW / 2) as isize)}>{ label }</button></li> }
    });
    // Every child is keyed, or Yew diffs the list by position from its end,
    // and one "more" line appearing would rebuild all the others. A line's
    // key is its slot (id mod WINDOW), unique within any window: when the
    // window moves, lines still in it keep their element and the slots that
    // leave are reused for the ones that enter, patched rather than rebuilt.
    let lines = p.trace.segments[start..end].iter().map(|seg| {
        html! {
            <LogLine key={seg.id % WINDOW} trace={p.trace.clone()} id={seg.id} relative={p.relative} lang={p.lang}
                     future={current_sent.is_none_or(|t| seg.sent_us > t)}
                     current={p.current == Some(seg.id)} selected={p.selected == Some(seg.id)}
                     on_select={p.on_select.clone()} on_toggle={p.on_toggle.clone()} masked={p.masked.get(seg.id).copied().unwrap_or(false)} />
        }
    });
    html! {
        <ol class="event-log" ref={list}>{ for earlier }{ for lines }{ for later }</ol>
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
        assert_eq!(window_start(500, Some(250), 0), 220);
        assert_eq!(window_start(500, Some(490), 0), 440);
        assert_eq!(window_start(500, Some(250), -1000), 0);
        assert_eq!(window_start(500, Some(250), 30), 250);
        // At either end the centred window is clamped; a shift moves from there.
        assert_eq!(window_start(194, None, 30), 30);
        assert_eq!(window_start(194, Some(193), -30), 104);
    }
}

#[derive(Properties, PartialEq)]
struct LogLineProps {
    trace: Shared<Trace>,
    id: usize,
    relative: bool,
    lang: Lang,
    future: bool,
    current: bool,
    selected: bool,
    on_select: Callback<usize>,
    on_toggle: Callback<usize>,
    masked: bool,
}

/// One line. A component of its own so that, as the playhead moves, only the
/// lines whose status changed are rendered again.
#[component]
fn LogLine(p: &LogLineProps) -> Html {
    let s = p.lang.s();
    let seg = &p.trace.segments[p.id];
    let id = p.id;
    let class = classes!(
        seg.lost.then_some("lost"),
        p.future.then_some("future"),
        p.current.then_some("current"),
        p.selected.then_some("selected"),
    );
    let fate = if seg.lost {
        format!("✕ {}", s.lost)
    } else {
        format!("✓ {}", s.delivered)
    };
    let toggle_label = if seg.lost { s.let_through } else { s.drop };
    let select = p.on_select.reform(move |_: MouseEvent| id);
    let toggle = p.on_toggle.reform(move |_: MouseEvent| id);
    html! {
        <li {class} data-segment={id.to_string()} aria-current={p.current.then_some("step")}>
            <button class="line" onclick={select}>
                <code>{ if p.masked { format!("{} ? > ?: Flags [?], …", crate::geometry::seconds(seg.sent_us)) } else { seg.tcpdump(p.relative) } }</code>
                <span class="fate">{ fate }</span>
                if seg.retransmission { <span class="rtx-tag">{ format!("↻ {}", s.retransmission) }</span> }
            </button>
            if !seg.injected {
                <button class="toggle" onclick={toggle}
                        aria-label={format!("{toggle_label} #{id}")}>{ toggle_label }</button>
            }
        </li>
    }
}
