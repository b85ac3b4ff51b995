use super::{Lane, SegmentArrow, TimerBars};
use crate::geometry::{Layout, MarkKind};
use crate::i18n::{self, Lang};
use crate::shared::Shared;
use synack_sim::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequenceDiagramProps {
    pub layout: Shared<Layout>,
    /// The playhead's display position; everything below it has not happened yet.
    pub pos: f64,
    #[prop_or_default]
    pub selected: Option<usize>,
    pub lang: Lang,
    pub on_segment: Callback<usize>,
    /// Segments whose numbers stay hidden (quiz mode), by id.
    #[prop_or_default]
    pub masked: Shared<Vec<bool>>,
    /// The part of the diagram in view (top, bottom); only it and a margin are drawn.
    #[prop_or((f64::NEG_INFINITY, f64::INFINITY))]
    pub view: (f64, f64),
}

/// How far beyond the visible part the diagram is still drawn.
const MARGIN: f64 = 300.0;

/// The textbook figure, drawn as far as the playhead: two lanes, one arrow
/// per segment travelling at its simulated timing, states and socket calls at
/// the side, timers beside the lanes, and a line for "now".
#[component]
pub fn SequenceDiagram(props: &SequenceDiagramProps) -> Html {
    let l = &props.layout;
    let frame = l.frame;
    let h = l.height;
    let pos = props.pos;
    let (top, bottom) = (props.view.0 - MARGIN, props.view.1 + MARGIN);
    let in_view = |y: f64| y >= top && y <= bottom;
    let marks = l.marks.iter().filter(|m| m.y <= pos + 1e-6 && in_view(m.y)).map(|m| {
        let (x, anchor) = match m.side {
            Side::Client => (frame.client_x - 12.0, "end"),
            Side::Server => (frame.server_x + 12.0, "start"),
        };
        let (class, dy) = match m.kind {
            MarkKind::State => ("mark state", 4.0),
            MarkKind::Call => ("mark call", 17.0),
            MarkKind::Error => ("mark error", 17.0),
        };
        html! {
            <text class={class} x={x.to_string()} y={(m.y + dy).to_string()} text-anchor={anchor}>
                { m.text.clone() }
            </text>
        }
    });
    let ticks = frame.ticks.then(|| {
        l.ticks
            .iter()
            .filter(|t| t.y <= pos + 1e-6 && in_view(t.y))
            .map(|t| html! { <text class="tick" x="8" y={(t.y + 4.0).to_string()}>{ t.label.clone() }</text> })
            .collect::<Html>()
    });
    let breaks = l.breaks.iter().filter(|b| b.y <= pos && in_view(b.y)).map(|b| {
        html! {
            <g class="time-break">
                <line x1="8" x2={(frame.width - 8.0).to_string()} y1={b.y.to_string()} y2={b.y.to_string()} />
                <text x={((frame.client_x + frame.server_x) / 2.0).to_string()} y={(b.y - 3.0).to_string()}
                      text-anchor="middle">{ b.label.clone() }</text>
            </g>
        }
    });
    // An arrow is drawn if any of it is near the visible part.
    let arrows = l.arrows.iter().filter(|a| a.y1.max(a.y2) >= top && a.y1.min(a.y2) <= bottom).map(|a| {
        html! {
            <SegmentArrow key={a.id} arrow={a.clone()} progress={a.progress(pos)}
                          selected={props.selected == Some(a.id)} on_click={props.on_segment.clone()} masked={props.masked.get(a.id).copied().unwrap_or(false)} />
        }
    });
    let spoofed = l.spoofed.iter().filter(|a| a.y1 <= pos && in_view(a.y1)).map(|a| {
        html! {
            <SegmentArrow key={a.id} arrow={a.clone()} progress={a.progress(pos)} on_click={Callback::noop()} />
        }
    });
    let now_y = pos.max(0.0);
    html! {
        <svg class={classes!("sequence", (!frame.ticks).then_some("compact"))} viewBox={format!("0 0 {} {h:.0}", frame.width)} role="group"
             aria-label="Sequence diagram" xmlns="http://www.w3.org/2000/svg">
            <defs>
                <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse"
                        orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            { for breaks }
            { for ticks }
            <Lane name={i18n::side(props.lang, Side::Client)} x={frame.client_x} height={h} />
            <Lane name={i18n::side(props.lang, Side::Server)} x={frame.server_x} height={h} />
            <TimerBars layout={props.layout.clone()} {pos} lang={props.lang} />
            <line class="now" x1="0" x2={frame.width.to_string()}
                  y1={format!("{now_y:.1}")} y2={format!("{now_y:.1}")} />
            <g class="spoofed">{ for spoofed }</g>
            { for arrows }
            { for marks }
        </svg>
    }
}
