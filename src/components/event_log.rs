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

/// Every segment as tcpdump prints it, in step with the playhead: lines not
/// yet reached are dimmed, the current one is marked and kept in view.
#[component]
pub fn EventLog(p: &EventLogProps) -> Html {
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with(p.current, move |current| {
            // Scroll the log itself (not the page) so the current line is in view.
            if let (Some(ul), Some(i)) = (list.cast::<web_sys::Element>(), current) {
                if let Ok(Some(li)) = ul.query_selector(&format!("[data-segment='{i}']")) {
                    let li: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(li);
                    let target = li.offset_top() - ul.client_height() / 2;
                    ul.set_scroll_top(target.max(0));
                }
            }
        });
    }
    let current_sent = p.current.map(|i| p.trace.segments[i].sent_us);
    let lines = p.trace.segments.iter().map(|seg| {
        html! {
            <LogLine key={seg.id} trace={p.trace.clone()} id={seg.id} relative={p.relative} lang={p.lang}
                     future={current_sent.is_none_or(|t| seg.sent_us > t)}
                     current={p.current == Some(seg.id)} selected={p.selected == Some(seg.id)}
                     on_select={p.on_select.clone()} on_toggle={p.on_toggle.clone()} masked={p.masked.get(seg.id).copied().unwrap_or(false)} />
        }
    });
    html! {
        <ol class="event-log" ref={list}>{ for lines }</ol>
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
