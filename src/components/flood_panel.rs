use crate::i18n::Lang;
use crate::number::px;
use crate::shared::Shared;
use synack_sim::trace::FloodPoint;
use synack_sim::Trace;
use yew::prelude::*;

pub struct FloodPanelProps {
    pub trace: Shared<Trace>,
    pub time: u64,
    pub lang: Lang,
}

/// A SYN flood at the playhead, in aggregate: how full the server's SYN
/// queue is, and what became of the spoofed SYNs so far. Thousands of SYNs
/// are counted here rather than drawn. A view function, not a component:
/// it is cheap, and a component of its own costs the page ~1 KB of wasm.
pub fn flood_panel(p: FloodPanelProps) -> Html {
    let Some(flood) = &p.trace.flood else {
        return html! {};
    };
    let s = p.lang.s();
    let i = flood.timeline.partition_point(|pt| pt.at_us <= p.time);
    let now = i
        .checked_sub(1)
        .map(|i| flood.timeline[i])
        .unwrap_or(FloodPoint::default());
    // Linux holds backlog + 1 half-open requests (tcp-reference.md §7).
    let places = flood.backlog.saturating_add(1);
    let frac = f64::from(now.queue) / f64::from(places);
    let full = now.queue >= places;
    let counts = s
        .flood_counts
        .replace("{arrived}", &now.arrived.to_string())
        .replace("{queued}", &now.queued.to_string())
        .replace("{dropped}", &now.dropped.to_string())
        .replace("{cookies}", &now.cookies.to_string());
    html! {
        <section class={classes!("flood", full.then_some("full"))} aria-label={s.flood_queue}>
            <div class="flood-label">
                { format!("{}: {} / {}", s.flood_queue, now.queue, places) }
                if full { <strong>{ format!(" · {}", s.flood_full) }</strong> }
            </div>
            <div class="bar" role="meter" aria-label={s.flood_queue} aria-valuemin="0" aria-valuemax={places.to_string()}
                 aria-valuenow={now.queue.to_string()}>
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="fill" height="10" width={px(frac * 100.0).to_string()} /></svg>
            </div>
            <div class="flood-counts">{ counts }</div>
        </section>
    }
}
