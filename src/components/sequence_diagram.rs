use super::{Lane, SegmentArrow};
use crate::geometry::{self, MarkKind, CLIENT_X, SERVER_X, WIDTH};
use std::rc::Rc;
use synack_sim::{Side, Trace};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequenceDiagramProps {
    pub trace: Rc<Trace>,
    #[prop_or(true)]
    pub relative: bool,
    /// Accessible name of the figure.
    pub title: AttrValue,
}

/// The classic textbook figure: two lanes, one arrow per segment, states at the side.
#[component]
pub fn SequenceDiagram(props: &SequenceDiagramProps) -> Html {
    let layout = geometry::layout(&props.trace, props.relative);
    let h = layout.height;
    let marks = layout.marks.iter().map(|m| {
        let (x, anchor) = match m.side {
            Side::Client => (CLIENT_X - 10.0, "end"),
            Side::Server => (SERVER_X + 10.0, "start"),
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
    let ticks = layout.ticks.iter().map(|t| {
        html! { <text class="tick" x="8" y={(t.y + 4.0).to_string()}>{ t.label.clone() }</text> }
    });
    let breaks = layout.breaks.iter().map(|b| {
        html! {
            <g class="time-break">
                <line x1="8" x2={(WIDTH - 8.0).to_string()} y1={b.y.to_string()} y2={b.y.to_string()} />
                <text x={((CLIENT_X + SERVER_X) / 2.0).to_string()} y={(b.y - 3.0).to_string()}
                      text-anchor="middle">{ b.label.clone() }</text>
            </g>
        }
    });
    html! {
        <svg class="sequence" viewBox={format!("0 0 {WIDTH} {h:.0}")} role="img"
             aria-label={props.title.clone()} xmlns="http://www.w3.org/2000/svg">
            <defs>
                <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            { for breaks }
            { for ticks }
            <Lane side={Side::Client} x={CLIENT_X} height={h} />
            <Lane side={Side::Server} x={SERVER_X} height={h} />
            { for layout.arrows.into_iter().map(|a| { let key = a.id; html! { <SegmentArrow {key} arrow={a} /> } }) }
            { for marks }
        </svg>
    }
}
