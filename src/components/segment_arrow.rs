use crate::geometry::{Arrow, Progress};
use std::rc::Rc;
use synack_sim::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SegmentArrowProps {
    pub arrow: Rc<Arrow>,
    pub progress: Progress,
    #[prop_or_default]
    pub selected: bool,
    pub on_click: Callback<usize>,
    /// Quiz mode: the flags and numbers are the question, so they stay hidden.
    #[prop_or_default]
    pub masked: bool,
}

/// One segment travelling from sender to receiver, labelled along its length.
/// A lost segment is dashed and ends in a cross, so loss is never told by
/// colour alone; a retransmission is dotted and marked ↻.
#[component]
pub fn SegmentArrow(props: &SegmentArrowProps) -> Html {
    let a = &props.arrow;
    let f = match props.progress {
        Progress::NotSent => return html! {},
        Progress::Travelling(f) => f,
        Progress::Done => 1.0,
    };
    let (hx, hy) = (a.x1 + (a.x2 - a.x1) * f, a.y1 + (a.y2 - a.y1) * f);
    let (mx, my) = ((a.x1 + a.x2) / 2.0, (a.y1 + a.y2) / 2.0);
    let done = props.progress == Progress::Done;
    let class = classes!(
        "segment",
        match a.from {
            Side::Client => "c2s",
            Side::Server => "s2c",
        },
        a.lost.then_some("lost"),
        a.retransmission.then_some("rtx"),
        props.selected.then_some("selected"),
        (!done).then_some("travelling"),
    );
    let cross = (a.lost && done).then(|| {
        let (x, y, r) = (a.x2, a.y2, 7.0);
        html! {
            <g class="cross" aria-hidden="true">
                <line x1={(x - r).to_string()} y1={(y - r).to_string()} x2={(x + r).to_string()} y2={(y + r).to_string()} />
                <line x1={(x - r).to_string()} y1={(y + r).to_string()} x2={(x + r).to_string()} y2={(y - r).to_string()} />
            </g>
        }
    });
    let head = (!done).then(|| {
        html! { <circle class="packet" cx={format!("{hx:.1}")} cy={format!("{hy:.1}")} r="5" /> }
    });
    let label = if props.masked {
        "?".to_string()
    } else if a.retransmission {
        format!("↻ {}", a.label)
    } else {
        a.label.clone()
    };
    let tooltip = if props.masked {
        "?".to_string()
    } else {
        a.tooltip.clone()
    };
    let id = a.id;
    let onclick = props.on_click.reform(move |_: MouseEvent| id);
    let onkeydown = {
        let cb = props.on_click.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                cb.emit(id);
            }
        })
    };
    html! {
        // The <title> is both the hover tooltip and the accessible name.
        <g class={class} data-segment={id.to_string()} {onclick} {onkeydown} tabindex="0" role="button">
            <title>{ tooltip }</title>
            // A wide transparent stroke makes the thin arrow easy to hit.
            <line class="hit" x1={a.x1.to_string()} y1={a.y1.to_string()}
                  x2={a.x2.to_string()} y2={a.y2.to_string()} />
            <line class="shaft" x1={a.x1.to_string()} y1={a.y1.to_string()}
                  x2={format!("{hx:.1}")} y2={format!("{hy:.1}")}
                  marker-end={(done && !a.lost).then_some("url(#arrowhead)")} />
            { for head }
            { for cross }
            if a.label_shown || props.selected {
                <text class="label" x={mx.to_string()} y={(my - 6.0).to_string()} text-anchor="middle"
                      transform={format!("rotate({:.2} {mx:.2} {my:.2})", a.angle)}>
                    { label }
                </text>
            }
        </g>
    }
}
